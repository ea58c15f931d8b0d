/**
 * Handlers of the schedule requests: list, get, pause, resume, trigger and backfill, in DBOS
 * TypeScript's shapes and with its answers for unknown names (pause and resume still answer
 * `success: true`; get answers without `output`; trigger and backfill fail). Throwing is fine:
 * the dispatcher answers with `error_message` (and `workflow_ids: []` for a backfill).
 */
import type { ExecutorRequestHandlers, StringOrList } from '@podium/protocol';
import type { ScheduleStatus } from '../engine/schedules/schedule-types';
import { InvalidOperationError } from '../errors';
import { time } from './list-filters';
import type { AgentOperations } from './operations';
import { toScheduleOutput } from './schedule-records';

export type ScheduleHandlerTypes =
  | 'list_schedules'
  | 'get_schedule'
  | 'pause_schedule'
  | 'resume_schedule'
  | 'trigger_schedule'
  | 'backfill_schedule';

export function scheduleHandlers(
  ops: AgentOperations,
  applicationName: string,
): Pick<ExecutorRequestHandlers, ScheduleHandlerTypes> {
  return {
    list_schedules: async (request) => {
      const body = request.body ?? {};
      const apps = list(body.application_name);
      if (apps !== undefined && !apps.includes(applicationName)) return { output: [] };
      const schedules = await ops.schedules.list({
        status: list(body.status) as ScheduleStatus[] | undefined,
        workflowName: list(body.workflow_name),
        scheduleNamePrefix: list(body.schedule_name_prefix),
      });
      const loadContext = body.load_context ?? true;
      return { output: schedules.map((schedule) => toScheduleOutput(schedule, loadContext)) };
    },

    get_schedule: async (request) => {
      const schedule = await ops.schedules.get(request.schedule_name);
      if (schedule === null) return {};
      return { output: toScheduleOutput(schedule, request.load_context ?? true) };
    },

    pause_schedule: async (request) => {
      await ops.schedules.pause(request.schedule_name);
      return { success: true };
    },

    resume_schedule: async (request) => {
      await ops.schedules.resume(request.schedule_name);
      return { success: true };
    },

    trigger_schedule: async (request) => ({
      workflow_id: await ops.schedules.trigger(request.schedule_name),
    }),

    backfill_schedule: async (request) => {
      const start = time('start', request.start);
      const end = time('end', request.end);
      if (start === undefined || end === undefined) {
        throw new InvalidOperationError('backfill_schedule needs start and end');
      }
      return { workflow_ids: await ops.schedules.backfill(request.schedule_name, start, end) };
    },
  };
}

function list(value: StringOrList | null | undefined): string[] | undefined {
  if (value === null || value === undefined) return undefined;
  return Array.isArray(value) ? value : [value];
}

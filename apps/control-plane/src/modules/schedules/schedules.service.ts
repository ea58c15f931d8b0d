import { Injectable } from '@nestjs/common';
import {
  AppError,
  type BackfillScheduleRequest,
  type BackfillScheduleResponse,
  type ListSchedulesQuery,
  type ListSchedulesResponse,
  type Schedule,
  type ScheduleOutput,
  type TriggerScheduleResponse,
} from '@podium/protocol';
import type { AppScope, Operator } from '../../common/auth/app-scope';
import type { AuditedAction } from '../../common/routes/route-spec';
import { operatorAction } from '../audit/audit-actions';
import { AuditService } from '../audit/audit.service';
import { askEachFamily, sendToEachFamily } from '../executors/family-fanout';
import { ExecutorProxy, type SendOptions } from '../executors/proxy/executor-proxy';
import { hasOutput, readFromHoldingFamily } from '../workflows/holding-family';
import { wireTime } from '../workflows/workflow-filters';
import { assertBackfillBounded } from './backfill-bounds';
import { SCHEDULE_ACTIONS } from './schedule-actions';
import { mapSchedule } from './schedule.mapper';

/**
 * An application's schedules, kept in its system database and reached through an executor (of
 * each SDK family, when it runs both: each keeps its schedules in its own tables). Executors
 * answer "success" for unknown names, so actions look the schedule up first (404), then act once
 * through the proxy on the family holding it (pause and resume: on each family defining the
 * name), audited either way.
 */
@Injectable()
export class SchedulesService {
  constructor(
    private readonly proxy: ExecutorProxy,
    private readonly audit: AuditService,
  ) {}

  async findSchedules(scope: AppScope, query: ListSchedulesQuery): Promise<ListSchedulesResponse> {
    const { parts, mixed } = await sendToEachFamily(
      this.proxy,
      scope.applicationId,
      'list_schedules',
      () => ({
        body: {
          status: query.status,
          workflow_name: query.workflowName,
          schedule_name_prefix: query.scheduleNamePrefix,
          load_context: query.loadContext,
        },
      }),
    );
    const schedules = parts.flatMap(({ value }) => value.output ?? []);
    if (mixed) schedules.sort((a, b) => a.schedule_name.localeCompare(b.schedule_name));
    return schedules.map(mapSchedule);
  }

  async getSchedule(scope: AppScope, scheduleName: string): Promise<Schedule> {
    return mapSchedule((await this.findHeldSchedule(scope, scheduleName)).response);
  }

  pauseSchedule(op: Operator, scheduleName: string): Promise<void> {
    return this.actWhereDefined(op, SCHEDULE_ACTIONS.pause, scheduleName, 'pause_schedule');
  }

  resumeSchedule(op: Operator, scheduleName: string): Promise<void> {
    return this.actWhereDefined(op, SCHEDULE_ACTIONS.resume, scheduleName, 'resume_schedule');
  }

  triggerSchedule(op: Operator, scheduleName: string): Promise<TriggerScheduleResponse> {
    return this.act(op, SCHEDULE_ACTIONS.trigger, scheduleName, {}, async ({ holders }) => {
      const answer = await this.proxy.send(
        op.applicationId,
        'trigger_schedule',
        { schedule_name: scheduleName },
        holders,
      );
      if (!answer.workflow_id) {
        throw new AppError(
          'EXECUTOR_ERROR',
          'The executor did not report the workflow it started.',
        );
      }
      return { workflowId: answer.workflow_id };
    });
  }

  backfillSchedule(
    op: Operator,
    scheduleName: string,
    req: BackfillScheduleRequest,
  ): Promise<BackfillScheduleResponse> {
    const details = { ...req };
    return this.act(op, SCHEDULE_ACTIONS.backfill, scheduleName, details, async (held) => {
      assertBackfillBounded(held.response.schedule, req);
      const answer = await this.proxy.send(
        op.applicationId,
        'backfill_schedule',
        {
          schedule_name: scheduleName,
          start: wireTime(req.startTime) ?? '',
          end: wireTime(req.endTime) ?? '',
        },
        held.holders,
      );
      return { workflowIds: answer.workflow_ids ?? [] };
    });
  }

  /**
   * The schedule, and the options that reach the SDK family whose tables hold it (each family
   * keeps its schedules in its own), or NOT_FOUND.
   */
  private async findHeldSchedule(scope: AppScope, scheduleName: string) {
    const held = await readFromHoldingFamily(
      this.proxy,
      scope.applicationId,
      'get_schedule',
      { schedule_name: scheduleName, load_context: true },
      hasOutput,
    );
    const schedule = held?.response.output;
    if (!held || !schedule) throw notFound(scheduleName);
    return { response: schedule, holders: held.holders };
  }

  private act<T>(
    op: Operator,
    action: AuditedAction,
    scheduleName: string,
    details: Record<string, unknown>,
    execute: (held: { response: ScheduleOutput; holders: SendOptions }) => Promise<T>,
  ): Promise<T> {
    return this.audit.trackRemote(
      operatorAction(op, action, scheduleName, details),
      async () => execute(await this.findHeldSchedule(op, scheduleName)),
      (result) => ({ details: resultDetails(result) }),
    );
  }

  /**
   * Pausing or resuming reaches every SDK family that defines the name: in an application
   * running both (a migration from one to the other), each family's scheduler fires its own
   * schedule of that name, so pausing one would leave it firing.
   */
  private actWhereDefined(
    op: Operator,
    action: AuditedAction,
    scheduleName: string,
    type: 'pause_schedule' | 'resume_schedule',
  ): Promise<void> {
    return this.audit.trackRemote(operatorAction(op, action, scheduleName, {}), async () => {
      const { parts } = await askEachFamily(this.proxy, op.applicationId, async (reach) =>
        hasOutput(
          await this.proxy.send(
            op.applicationId,
            'get_schedule',
            { schedule_name: scheduleName, load_context: false },
            reach,
          ),
        ),
      );
      const defining = parts.filter(({ value }) => value);
      if (defining.length === 0) throw notFound(scheduleName);
      for (const { reach } of defining) {
        const answer = await this.proxy.send(
          op.applicationId,
          type,
          { schedule_name: scheduleName },
          reach,
        );
        if (answer.success === false) throw failed(type);
      }
    });
  }
}

/** What the audit entry keeps of an action's result: the workflows it started. */
function resultDetails(result: unknown): Record<string, unknown> {
  if (typeof result !== 'object' || result === null) return {};
  const { workflowId, workflowIds } = result as Partial<BackfillScheduleResponse> &
    Partial<TriggerScheduleResponse>;
  return { ...(workflowId && { workflowId }), ...(workflowIds && { workflowIds }) };
}

function notFound(scheduleName: string): AppError {
  return new AppError('NOT_FOUND', `No schedule "${scheduleName}" in this application.`);
}

function failed(type: string): AppError {
  return new AppError('EXECUTOR_ERROR', `The executor reported that "${type}" failed.`);
}

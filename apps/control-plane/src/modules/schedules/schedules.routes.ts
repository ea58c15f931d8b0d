import {
  BackfillScheduleRequestSchema,
  BackfillScheduleResponseSchema,
  GetScheduleResponseSchema,
  ListSchedulesQuerySchema,
  ListSchedulesResponseSchema,
  SchedulePathSchema,
  TriggerScheduleResponseSchema,
} from '@podium/protocol';
import { routeTable } from '../../common/routes/route-spec';
import { SCHEDULE_ACTIONS as ACTIONS } from './schedule-actions';

const base = '/v2/orgs/{org}/apps/{app}/schedules';
const one = `${base}/{scheduleName}`;
const common = { tag: 'Schedules', viaExecutor: true } as const;
const operate = { ...common, access: 'operate', method: 'post' } as const;
const params = SchedulePathSchema;
const target = 'scheduleName';

/** The schedule routes (see SchedulesController). */
export const SCHEDULE_ROUTES = routeTable({
  listSchedules: {
    ...common,
    access: 'read',
    method: 'get',
    path: base,
    summary: "List the application's schedules",
    query: ListSchedulesQuerySchema,
    response: ListSchedulesResponseSchema,
  },
  getSchedule: {
    ...common,
    access: 'read',
    method: 'get',
    path: one,
    summary: 'Get a schedule (with its context)',
    params,
    response: GetScheduleResponseSchema,
  },
  pauseSchedule: {
    ...operate,
    path: `${one}/pause`,
    summary: 'Pause a schedule: no runs until it is resumed',
    params,
    status: 204,
    audit: { action: ACTIONS.pause, targetParam: target },
  },
  resumeSchedule: {
    ...operate,
    path: `${one}/resume`,
    summary: 'Resume a paused schedule',
    params,
    status: 204,
    audit: { action: ACTIONS.resume, targetParam: target },
  },
  triggerSchedule: {
    ...operate,
    path: `${one}/trigger`,
    summary: "Start one run of a schedule's workflow now",
    params,
    status: 201,
    response: TriggerScheduleResponseSchema,
    audit: { action: ACTIONS.trigger, targetParam: target },
  },
  backfillSchedule: {
    ...operate,
    path: `${one}/backfill`,
    summary: 'Enqueue one run per tick of a past window',
    description:
      'Ticks already run are not run again (each tick has one workflow id). A window that could ' +
      "hold more than 100,000 runs (bounded from the cron expression's second, minute and " +
      'hour fields) is refused with 422: split it.',
    params,
    body: BackfillScheduleRequestSchema,
    response: BackfillScheduleResponseSchema,
    audit: { action: ACTIONS.backfill, targetParam: target },
  },
});

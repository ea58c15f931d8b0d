import { z } from 'zod';
import { IsoTimestampSchema, RestTimestampSchema, queryBoolean } from './query-params';

/**
 * Schedules over HTTP: `/v2/orgs/{org}/apps/{app}/schedules...` (DBOS Conductor's shapes),
 * read and changed live through an executor: the schedules live in the app's system database.
 */

export const ScheduleSchema = z.object({
  scheduleId: z.string(),
  scheduleName: z.string(),
  workflowName: z.string(),
  workflowClass: z.string().nullable(),
  cronExpression: z.string(),
  cronTimezone: z.string().nullable(),
  status: z.string().describe('`ACTIVE` or `PAUSED`; newer SDKs may report more.'),
  context: z
    .string()
    .nullable()
    .describe('Display string of the context; null unless asked for (`loadContext`).'),
  lastFiredAt: IsoTimestampSchema.nullable(),
  automaticBackfill: z.boolean(),
  applicationName: z.string().nullable(),
  queueName: z.string().nullable().describe('The queue its runs are enqueued on, if any.'),
});
export type Schedule = z.infer<typeof ScheduleSchema>;

/** `GET .../schedules`. Unknown parameters are refused. */
export const ListSchedulesQuerySchema = z.strictObject({
  status: z.string().min(1).optional().describe('`ACTIVE` or `PAUSED`.'),
  workflowName: z.string().min(1).optional(),
  scheduleNamePrefix: z.string().min(1).optional(),
  loadContext: queryBoolean(false),
});
export type ListSchedulesQuery = z.infer<typeof ListSchedulesQuerySchema>;
export const ListSchedulesResponseSchema = z.array(ScheduleSchema);
export type ListSchedulesResponse = z.infer<typeof ListSchedulesResponseSchema>;
export const GetScheduleResponseSchema = ScheduleSchema;

export const SchedulePathSchema = z.object({ scheduleName: z.string().min(1).max(1024) });

/** `POST .../schedules/{scheduleName}/backfill`: one run per tick in `[startTime, endTime)`. */
export const BackfillScheduleRequestSchema = z
  .strictObject({ startTime: RestTimestampSchema, endTime: RestTimestampSchema })
  .refine((body) => Date.parse(body.startTime) < Date.parse(body.endTime), {
    message: 'endTime must be after startTime',
    path: ['endTime'],
  });
export type BackfillScheduleRequest = z.infer<typeof BackfillScheduleRequestSchema>;
export const BackfillScheduleResponseSchema = z.object({
  workflowIds: z.array(z.string()).describe('The runs it enqueued.'),
});
export type BackfillScheduleResponse = z.infer<typeof BackfillScheduleResponseSchema>;

/** `POST .../schedules/{scheduleName}/trigger`: one run now. */
export const TriggerScheduleResponseSchema = z.object({ workflowId: z.string() });
export type TriggerScheduleResponse = z.infer<typeof TriggerScheduleResponseSchema>;

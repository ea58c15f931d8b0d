import { z } from 'zod';
import { ListQueuesBodySchema, ListSchedulesBodySchema } from './bodies';
import { WireTimestampSchema } from './common';
import { defineMessage, successResponse } from './message';
import { QueueOutputSchema, ScheduleOutputSchema } from './records';

/** Queues and schedules. Unknown schedule names may still answer `success: true`. */

/** All queues; older conductors send no body and executors accept that. */
export const ListQueuesMessage = defineMessage(
  'list_queues',
  { body: ListQueuesBodySchema.nullish() },
  { output: z.array(QueueOutputSchema).nullish() },
);

/** One queue, or `output: null` when unknown. */
export const GetQueueMessage = defineMessage(
  'get_queue',
  { name: z.string() },
  { output: QueueOutputSchema.nullish() },
);

export const ListSchedulesMessage = defineMessage(
  'list_schedules',
  { body: ListSchedulesBodySchema.nullish() },
  { output: z.array(ScheduleOutputSchema).nullish() },
);

/** One schedule; `load_context` defaults true. Not found omits `output`. */
export const GetScheduleMessage = defineMessage(
  'get_schedule',
  { schedule_name: z.string(), load_context: z.boolean().nullish() },
  { output: ScheduleOutputSchema.nullish() },
);

export const PauseScheduleMessage = defineMessage(
  'pause_schedule',
  { schedule_name: z.string() },
  successResponse,
);

export const ResumeScheduleMessage = defineMessage(
  'resume_schedule',
  { schedule_name: z.string() },
  successResponse,
);

/** Enqueues the runs between `start` and `end` (ISO) and returns their workflow IDs. */
export const BackfillScheduleMessage = defineMessage(
  'backfill_schedule',
  { schedule_name: z.string(), start: WireTimestampSchema, end: WireTimestampSchema },
  { workflow_ids: z.array(z.string()).nullish() },
);

/** Runs the schedule now. */
export const TriggerScheduleMessage = defineMessage(
  'trigger_schedule',
  { schedule_name: z.string() },
  { workflow_id: z.string().nullish() },
);

export const SCHEDULE_MESSAGES = [
  ListQueuesMessage,
  GetQueueMessage,
  ListSchedulesMessage,
  GetScheduleMessage,
  PauseScheduleMessage,
  ResumeScheduleMessage,
  BackfillScheduleMessage,
  TriggerScheduleMessage,
] as const;

import { z } from 'zod';
import { WORKFLOW_STATUSES } from './workflow-statuses';

/**
 * Building blocks shared by every executor message: the envelope, the "string or list" filter
 * value, enums and the wire timestamp helper.
 *
 * Convention: every optional field is `.nullish()` because Python executors send `null` where
 * TypeScript executors omit the key; both mean "absent". Objects strip unknown keys, so newer
 * peers that add fields stay compatible.
 */

/** The `error_message` every DBOS SDK answers with when it does not know a request's type. */
export const UNKNOWN_MESSAGE_TYPE_ERROR = 'Unknown message type';

/**
 * How a Podium SDK executor's `error_message` starts (then `: ` and why) when it refused a
 * request unrun, too many being in its queue or this one having waited too long in it: the
 * request was not carried out, so another executor may take it.
 */
export const EXECUTOR_BUSY_ERROR = 'Executor busy';

/**
 * Whether an `error_message` is an {@link EXECUTOR_BUSY_ERROR} refusal. Only a `@podium/sdk`
 * executor sends one: believe it from those only (the control plane checks the family).
 */
export function isExecutorBusyError(message: string | null | undefined): boolean {
  return message?.startsWith(`${EXECUTOR_BUSY_ERROR}: `) === true;
}

export { WORKFLOW_STATUSES, isWorkflowStatus, type WorkflowStatus } from './workflow-statuses';
export const WorkflowStatusSchema = z.enum(WORKFLOW_STATUSES);

/** Schedule statuses (`list_schedules` filter, `ScheduleOutput.status`). */
export const SCHEDULE_STATUSES = ['ACTIVE', 'PAUSED'] as const;
export type ScheduleStatus = (typeof SCHEDULE_STATUSES)[number];

/** Languages seen in `executor_info.language`. The wire value stays a free string. */
export const KNOWN_EXECUTOR_LANGUAGES = ['typescript', 'python', 'go', 'java'] as const;
export type KnownExecutorLanguage = (typeof KNOWN_EXECUTOR_LANGUAGES)[number];
export const ExecutorLanguageSchema = z.string();

/** A filter value that DBOS accepts as one string or a list of strings ("StringOrList"). */
export const StringOrListSchema = z.union([z.string(), z.array(z.string())]);
export type StringOrList = z.infer<typeof StringOrListSchema>;

/**
 * An ISO-8601 timestamp inside a request. Decoding accepts any string (peers differ);
 * `encodeRequest` insists on an explicit offset and rewrites a trailing `Z` to `+00:00`.
 */
export const WireTimestampSchema = z.string();

/** Stringified epoch milliseconds, as in `WorkflowsOutput` and `WorkflowSteps` (e.g. `"1795317915934"`). */
export const EpochMsStringSchema = z.string();

/** A pre-rendered, human-readable value (inputs, outputs, event values). Opaque: never parse it. */
export const DisplayStringSchema = z.string();

/** Fields every request carries. `request_id` may be missing: DBOS still answers, without one. */
export const baseRequestShape = { request_id: z.string().nullish() };

/** Fields every response carries. */
export const baseResponseShape = {
  request_id: z.string().nullish(),
  error_message: z.string().nullish(),
};

/**
 * Formats a time the way every DBOS SDK parses it: ISO-8601, milliseconds, explicit `+00:00`
 * offset. Python 3.10's `fromisoformat` rejects a trailing `Z` and reads offset-less times as local.
 */
export function toWireTimestamp(time: Date | number): string {
  const date = typeof time === 'number' ? new Date(time) : time;
  if (Number.isNaN(date.getTime())) throw new RangeError('toWireTimestamp: invalid time');
  return date.toISOString().replace(/Z$/, '+00:00');
}

/** What `encodeRequest` accepts as a request timestamp: 0, 3 or 6 fractional digits and an offset. */
export const WIRE_TIMESTAMP_PATTERN =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3}|\.\d{6})?(Z|[+-]\d{2}:\d{2})$/;

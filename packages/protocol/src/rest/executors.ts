import { z } from 'zod';
import { WholeListQuerySchema, listResponse } from './pagination';
import { IsoTimestampSchema, queryList } from './query-params';
import { EXECUTOR_STATUSES, EXECUTOR_STATUS_FILTERS } from './values/executor-statuses';

export { EXECUTOR_STATUSES, EXECUTOR_STATUS_FILTERS } from './values/executor-statuses';

/**
 * Executors and application versions of an app (`/v2/orgs/{org}/apps/{app}/executors`,
 * `.../versions`) and the live event stream (`.../events`, server-sent events).
 */

/**
 * DBOS Conductor's executor states, and no other (a client checking DBOS's enum must not meet an
 * unknown one). HEALTHY: a link is open; DISCONNECTED: it closed, and the app's grace period is
 * running; DEAD: the grace period passed with no reconnect, so its pending workflows are (or
 * were) being recovered by another executor of its version (`recoveredAt` says when that was
 * confirmed). An executor that shut down on purpose goes through the same states, with
 * `stopped` set (see `ExecutorSchema`).
 */
export const ExecutorStatusSchema = z
  .enum(EXECUTOR_STATUSES)
  .describe("DBOS Conductor's HEALTHY, DISCONNECTED, DEAD.");
export type ExecutorStatus = z.infer<typeof ExecutorStatusSchema>;

/** A status to list, or STOPPED: the executors whose `stopped` is true. */
export const ExecutorStatusFilterSchema = z
  .enum(EXECUTOR_STATUS_FILTERS)
  .describe(
    'HEALTHY, DISCONNECTED or DEAD as in `status` (stopped ones included), or STOPPED: those that shut down on purpose and have not reconnected.',
  );
export type ExecutorStatusFilter = z.infer<typeof ExecutorStatusFilterSchema>;

/**
 * One executor process, as it described itself in `executor_info`, in DBOS Conductor's names.
 * `status` is DBOS's enum; `stopped` and the lifecycle times after it are Podium's additions.
 */
export const ExecutorSchema = z.object({
  executorId: z.string().describe("The executor's own id (a new one on every process start)."),
  appId: z.uuid().describe("Its application's id."),
  appVersion: z.string(),
  hostname: z.string().nullable(),
  hostId: z.string().nullable().describe('A DBOS Cloud VM id; always null when self-hosted.'),
  language: z
    .string()
    .nullable()
    .describe('`typescript`, `python`, `go`, `java`, ...; null from an executor too old to say.'),
  dbosVersion: z
    .string()
    .nullable()
    .describe('DBOS Transact (or Podium SDK) version; null from an executor too old to say.'),
  executorMetadata: z
    .record(z.string(), z.unknown())
    .nullable()
    .describe('User-defined tags (`conductorExecutorMetadata`).'),
  status: ExecutorStatusSchema,
  stopped: z
    .boolean()
    .describe(
      'It closed its link itself (WebSocket close code 1000, 1001, or 1005 as DBOS sends it) and has not reconnected: it shut down on purpose, it was not lost. `status` still says where its grace period and recovery stand: work it left behind is recovered all the same.',
    ),
  createdAt: IsoTimestampSchema.describe('Its first connection.'),
  updatedAt: IsoTimestampSchema.describe('Its latest lifecycle change or sign of life.'),
  connectedAt: IsoTimestampSchema,
  disconnectedAt: IsoTimestampSchema.nullable(),
  lastSeenAt: IsoTimestampSchema,
  deadAt: IsoTimestampSchema.nullable().describe(
    "When its application's grace period after disconnecting passed (it was declared dead); null unless DEAD.",
  ),
  recoveredAt: IsoTimestampSchema.nullable().describe(
    'When an executor of its version confirmed that none of its workflows is still PENDING (they were recovered, or there were none); null while recovery is pending.',
  ),
});
export type Executor = z.infer<typeof ExecutorSchema>;

/** `GET .../executors`: healthy (linked) ones first, then by last connection, newest first. */
export const ListExecutorsQuerySchema = z.strictObject({
  status: queryList(ExecutorStatusFilterSchema),
  ...WholeListQuerySchema.shape,
});
export type ListExecutorsQuery = z.infer<typeof ListExecutorsQuerySchema>;
export const ListExecutorsResponseSchema = listResponse(ExecutorSchema);
export type ListExecutorsResponse = z.infer<typeof ListExecutorsResponseSchema>;

/** One application version, in DBOS Conductor's names (`latest` and the count are Podium's). */
export const ApplicationVersionSchema = z.object({
  versionName: z.string(),
  versionId: z
    .string()
    .nullable()
    .describe("The executor's version id (null when only known from executor records)."),
  versionTimestamp: IsoTimestampSchema.nullable().describe(
    'When it became latest; the highest is the latest.',
  ),
  createdAt: IsoTimestampSchema.nullable(),
  latest: z.boolean(),
  connectedExecutors: z
    .number()
    .int()
    .nonnegative()
    .describe('Executors on this version connected right now.'),
});
export type ApplicationVersion = z.infer<typeof ApplicationVersionSchema>;

/** Where a version list came from (the `X-Podium-Source` header, `LIST_HEADERS`). */
export const VersionsSourceSchema = z.enum(['executors', 'records']);
export type VersionsSource = z.infer<typeof VersionsSourceSchema>;

/**
 * `GET .../versions`: the versions registered in the app's system database (`source:
 * executors`), or, when no connected executor can say, those seen in executor records
 * (`source: records`); a bare array, its source in a header.
 */
export const ListApplicationVersionsResponseSchema = listResponse(ApplicationVersionSchema);
export type ListApplicationVersionsResponse = z.infer<typeof ListApplicationVersionsResponseSchema>;

/**
 * One server-sent event of `GET .../events` (the SSE `event:` field is the `type`; `data:` is this
 * JSON). The stream opens with a `snapshot` of the connected executors, then reports changes:
 * links opening and closing, executors declared dead, and confirmed recoveries.
 * Comment lines (`: heartbeat`) keep proxies from closing it.
 */
export const LiveEventSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('snapshot'),
    at: IsoTimestampSchema,
    executors: z.array(ExecutorSchema),
  }),
  z.object({
    type: z.literal('executor.connected'),
    at: IsoTimestampSchema,
    executor: ExecutorSchema,
  }),
  z.object({
    type: z.literal('executor.disconnected'),
    at: IsoTimestampSchema,
    executor: ExecutorSchema,
  }),
  z.object({
    type: z.literal('executor.dead'),
    at: IsoTimestampSchema,
    executor: ExecutorSchema,
  }),
  z.object({
    type: z.literal('executor.recovered'),
    at: IsoTimestampSchema,
    executor: ExecutorSchema,
  }),
]);
export type LiveEvent = z.infer<typeof LiveEventSchema>;
export type LiveEventType = LiveEvent['type'];

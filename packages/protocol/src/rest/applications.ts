import { z } from 'zod';
import { listResponse } from './pagination';
import { IsoTimestampSchema } from './query-params';
import {
  APPLICATION_NAME_PATTERN,
  APPLICATION_NAME_RULE,
  DEFAULT_EXECUTOR_TIMEOUT_SECS,
  MIN_EXECUTOR_TIMEOUT_SECS,
  MAX_EXECUTOR_TIMEOUT_SECS,
} from './values/application-limits';

export {
  APPLICATION_NAME_PATTERN,
  APPLICATION_NAME_RULE,
  DEFAULT_EXECUTOR_TIMEOUT_SECS,
  MIN_EXECUTOR_TIMEOUT_SECS,
  MAX_EXECUTOR_TIMEOUT_SECS,
} from './values/application-limits';

export const ApplicationNameSchema = z
  .string()
  .regex(APPLICATION_NAME_PATTERN, `must be ${APPLICATION_NAME_RULE}`);

const DescriptionSchema = z.string().trim().max(500);
/**
 * DBOS `executorTimeoutSecs`: how long a disconnected executor may stay away before it is
 * declared DEAD and its workflows are recovered elsewhere.
 */
const ExecutorTimeoutSchema = z
  .number()
  .int()
  .min(MIN_EXECUTOR_TIMEOUT_SECS)
  .max(MAX_EXECUTOR_TIMEOUT_SECS);
const PrivateModeSchema = z
  .boolean()
  .describe('Metadata-only mode: workflow inputs, outputs and events stay with the executors.');

/**
 * A retention threshold as DBOS takes it: a positive integer sets it, a negative one clears it
 * (the response then says null). Zero is refused: it would delete all completed history.
 */
const thresholdInput = (what: string) =>
  z
    .number()
    .int()
    .max(Number.MAX_SAFE_INTEGER)
    .refine((value) => value !== 0, 'must be positive (or negative to clear it)')
    .transform((value) => (value < 0 ? null : value))
    .describe(`${what} A negative value clears it.`);

/** `POST /v2/orgs/{org}/apps` (Podium's create: 409 when the name is taken). */
export const CreateApplicationRequestSchema = z.object({
  name: ApplicationNameSchema,
  description: DescriptionSchema.default(''),
  executorTimeoutSecs: ExecutorTimeoutSchema.default(DEFAULT_EXECUTOR_TIMEOUT_SECS),
  privateMode: PrivateModeSchema.default(false),
});
export type CreateApplicationRequest = z.infer<typeof CreateApplicationRequestSchema>;

/** `PUT /v2/orgs/{org}/apps/{app}` (DBOS `registerApp`): creates it unless it exists (204 either way). */
export const RegisterApplicationRequestSchema = z.strictObject({
  privateMode: PrivateModeSchema.optional(),
});
export type RegisterApplicationRequest = z.infer<typeof RegisterApplicationRequestSchema>;

/**
 * `PATCH /v2/orgs/{org}/apps/{app}` (DBOS `updateApp`, 204): the settings to change, at least
 * one. DBOS's five plus Podium's `description`; unknown fields are refused.
 */
export const UpdateApplicationRequestSchema = z
  .strictObject({
    description: DescriptionSchema.optional(),
    executorTimeoutSecs: ExecutorTimeoutSchema.optional(),
    gcTimeThresholdMs: thresholdInput(
      'Completed workflows created longer ago than this many milliseconds are deleted.',
    ).optional(),
    gcRowsThreshold: thresholdInput(
      'Only this many of the newest workflows are kept (older completed ones are deleted).',
    ).optional(),
    globalTimeoutMs: thresholdInput(
      'Workflows still pending, enqueued or delayed this many milliseconds after creation are cancelled.',
    ).optional(),
    privateMode: PrivateModeSchema.optional(),
  })
  .refine((body) => Object.values(body).some((value) => value !== undefined), {
    message: 'name at least one setting to change',
  });
export type UpdateApplicationRequest = z.input<typeof UpdateApplicationRequestSchema>;
/** As parsed: cleared thresholds are null. */
export type ApplicationSettingsChange = z.output<typeof UpdateApplicationRequestSchema>;

export const RETENTION_PUSH_OUTCOMES = ['delivered', 'failed', 'no_executor'] as const;

/**
 * Podium's addition: the last time retention settings were pushed to an executor of the app,
 * and how that went (`delivered` only means the executor accepted it; DBOS TS ≥ 5.0 runs the
 * round afterwards).
 */
export const RetentionPushSchema = z.object({
  at: IsoTimestampSchema,
  outcome: z.enum(RETENTION_PUSH_OUTCOMES),
  executorId: z.string().nullable(),
  detail: z.string().nullable(),
});
export type RetentionPush = z.infer<typeof RetentionPushSchema>;

/**
 * An application in DBOS Conductor's names and more (`description`, `lastRetentionPush` and the
 * timestamps are Podium's). `dbosCloud` is always false: Podium is self-hosted.
 */
export const ApplicationSchema = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  name: z.string(),
  status: z
    .enum(['AVAILABLE', 'UNAVAILABLE'])
    .describe('AVAILABLE while at least one of its executors is connected.'),
  language: z
    .string()
    .nullable()
    .describe(
      "Its executors' language (the latest connected one's); null before any connected, or when that one was too old to say (DBOS SDKs before late 2025).",
    ),
  dbosCloud: z.boolean().describe('Hosted on DBOS Cloud: always false (self-hosted).'),
  description: z.string(),
  executorTimeoutSecs: z.number().int(),
  /** Retention and timeout thresholds (DBOS): null = not set. */
  gcTimeThresholdMs: z.number().int().nullable(),
  gcRowsThreshold: z.number().int().nullable(),
  globalTimeoutMs: z.number().int().nullable(),
  privateMode: z.boolean(),
  lastRetentionPush: RetentionPushSchema.nullable(),
  createdAt: IsoTimestampSchema,
  updatedAt: IsoTimestampSchema,
});
export type Application = z.infer<typeof ApplicationSchema>;

export const CreateApplicationResponseSchema = ApplicationSchema;
export type CreateApplicationResponse = Application;
export const GetApplicationResponseSchema = ApplicationSchema;
export type GetApplicationResponse = Application;

/** `GET /v2/orgs/{org}/apps` (`?limit=&offset=`). */
export const ListApplicationsResponseSchema = listResponse(ApplicationSchema);
export type ListApplicationsResponse = z.infer<typeof ListApplicationsResponseSchema>;

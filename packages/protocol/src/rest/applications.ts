import { z } from 'zod';
import { paginated } from './pagination';
import { IsoTimestampSchema } from './query-params';

/** The name executors connect with (DBOS `appName`). */
export const APPLICATION_NAME_PATTERN = /^[a-z0-9_-]{3,30}$/;
export const DEFAULT_EXECUTOR_GRACE_PERIOD_SECONDS = 60;
export const MIN_EXECUTOR_GRACE_PERIOD_SECONDS = 5;
export const MAX_EXECUTOR_GRACE_PERIOD_SECONDS = 86_400;

export const ApplicationNameSchema = z
  .string()
  .regex(APPLICATION_NAME_PATTERN, 'must be 3-30 characters of a-z, 0-9, "-" and "_"');

const DescriptionSchema = z.string().trim().max(500);
/** How long a disconnected executor may stay away before it is declared dead. */
const GracePeriodSchema = z
  .number()
  .int()
  .min(MIN_EXECUTOR_GRACE_PERIOD_SECONDS)
  .max(MAX_EXECUTOR_GRACE_PERIOD_SECONDS);

/** `POST /v2/orgs/{org}/apps`. */
export const CreateApplicationRequestSchema = z.object({
  name: ApplicationNameSchema,
  description: DescriptionSchema.default(''),
  executorGracePeriodSeconds: GracePeriodSchema.default(DEFAULT_EXECUTOR_GRACE_PERIOD_SECONDS),
});
export type CreateApplicationRequest = z.infer<typeof CreateApplicationRequestSchema>;

/** `PATCH /v2/orgs/{org}/apps/{app}`: the settings to change (at least one). */
export const UpdateApplicationRequestSchema = z
  .object({
    description: DescriptionSchema.optional(),
    executorGracePeriodSeconds: GracePeriodSchema.optional(),
  })
  .refine((body) => Object.values(body).some((value) => value !== undefined), {
    message: 'name at least one setting to change',
  });
export type UpdateApplicationRequest = z.infer<typeof UpdateApplicationRequestSchema>;

export const ApplicationSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string(),
  executorGracePeriodSeconds: z.number().int(),
  createdAt: IsoTimestampSchema,
  updatedAt: IsoTimestampSchema,
});
export type Application = z.infer<typeof ApplicationSchema>;

export const CreateApplicationResponseSchema = ApplicationSchema;
export type CreateApplicationResponse = Application;
export const GetApplicationResponseSchema = ApplicationSchema;
export type GetApplicationResponse = Application;
export const UpdateApplicationResponseSchema = ApplicationSchema;
export type UpdateApplicationResponse = Application;

/** `GET /v2/orgs/{org}/apps` (`?limit=&offset=`). */
export const ListApplicationsResponseSchema = paginated(ApplicationSchema);
export type ListApplicationsResponse = z.infer<typeof ListApplicationsResponseSchema>;

import { z } from 'zod';

/**
 * `PATCH .../versions/latest`: makes a registered version the latest (its timestamp becomes
 * now), so schedules and new unversioned work run on it: a rollback or a blue-green switch.
 */
export const SetLatestVersionRequestSchema = z.strictObject({
  versionName: z.string().min(1).max(1024),
});
export type SetLatestVersionRequest = z.infer<typeof SetLatestVersionRequestSchema>;

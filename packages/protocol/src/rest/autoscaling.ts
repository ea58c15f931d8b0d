import { z } from 'zod';

/**
 * Queue-based autoscaling, DBOS Conductor's shapes: a stored policy per application
 * (`.../autoscaling-policy`) and, from it, how many executors each version needs now
 * (`.../autoscale`). Podium starts no machines: a deployment tool reads the recommendation.
 */

const count = z.number().int().min(0);

export const RolloutPolicySchema = z.strictObject({
  maxExecutorsForOldApplicationVersions: count
    .optional()
    .describe(
      "Cap every old version's recommendation at this many executors. Omit to size old versions from their own queue utilization, uncapped.",
    ),
  maxOldApplicationVersions: count
    .optional()
    .describe(
      'How many old application versions the autoscale response may include, newest registered first. Defaults to 0: only the latest version is reported.',
    ),
});
export type RolloutPolicy = z.infer<typeof RolloutPolicySchema>;

/** `PUT .../autoscaling-policy`: the body, and what is stored and served back. */
export const AutoscalePolicySchema = z.strictObject({
  queue: z
    .string()
    .min(1)
    .max(1024)
    .describe(
      'The queue whose utilization drives the desired executor count. Must exist, not be partitioned and have worker_concurrency set.',
    ),
  rollout: RolloutPolicySchema.optional().describe(
    'Rollout preferences for non-latest application versions. Omitted means old versions are sized to their own backlog.',
  ),
});
export type AutoscalePolicy = z.infer<typeof AutoscalePolicySchema>;

/** `GET`/`PUT .../autoscaling-policy`. */
export const AutoscalingPolicyResponseSchema = z.object({ policy: AutoscalePolicySchema });
export type AutoscalingPolicyResponse = z.infer<typeof AutoscalingPolicyResponseSchema>;

export const QueueAutoscaleSchema = z.object({
  applicationVersion: z.string().describe('The application version this recommendation covers.'),
  isLatest: z.boolean().describe("True for the application's latest registered version."),
  desiredExecutors: count.describe(
    'Executors of this version needed to satisfy the queue load. At least 1, unless the rollout policy caps old versions lower.',
  ),
  queueDepth: count.describe(
    'ENQUEUED+PENDING backlog counted for this version on the policy queue.',
  ),
  observedAt: z
    .number()
    .int()
    .describe('Epoch ms when the underlying workflow aggregate was computed.'),
  queueName: z
    .string()
    .optional()
    .describe('The policy queue; absent when it is no longer usable.'),
});
export type QueueAutoscale = z.infer<typeof QueueAutoscaleSchema>;

/** `GET .../autoscale`: one entry per reported version, the latest first. */
export const GetAutoscaleResponseSchema = z.array(QueueAutoscaleSchema);
export type GetAutoscaleResponse = z.infer<typeof GetAutoscaleResponseSchema>;

import { z } from 'zod';
import { IsoTimestampSchema } from './query-params';
import { ALERT_RULE_TYPES, ALERT_WEBHOOK_FORMATS } from './values/alert-kinds';

export { ALERT_RULE_TYPES, ALERT_WEBHOOK_FORMATS } from './values/alert-kinds';

/**
 * Alerting over HTTP. Rules: `/v2/orgs/{org}/apps/{app}/alerting-rules` (DBOS Conductor's
 * operations and shapes: `AlertingRule`, `CreateAlertInputBody`); webhooks and the delivery log
 * are Podium's own (`.../alert-webhooks`, `.../alert-deliveries`).
 */

export const AlertRuleTypeSchema = z.enum(ALERT_RULE_TYPES);
export type AlertRuleType = z.infer<typeof AlertRuleTypeSchema>;

const seconds = z
  .number()
  .int()
  .min(1)
  .max(30 * 86_400);
const name = z.string().min(1).max(256);

/**
 * Each type's `ruleMetadata`: DBOS's parameter keys (snake_case, as its `alert` metadata names
 * them), defaults filled in. Unknown keys are refused.
 */
export const ALERT_RULE_METADATA = {
  WorkflowFailure: z.strictObject({
    threshold: z.number().int().min(1).max(1_000_000).default(1).describe('Failures that fire it.'),
    period_secs: seconds.default(3600).describe('The window failures are counted in.'),
    workflow_name: name.optional().describe('Only this workflow (default: all).'),
  }),
  SlowQueue: z.strictObject({
    threshold_secs: seconds.default(300).describe('Longest a workflow may stay ENQUEUED.'),
    queue_name: name.optional().describe('Only this queue (default: all).'),
  }),
  UnresponsiveApplication: z.strictObject({
    period_secs: seconds
      .default(60)
      .describe('How long the application may have no connected executor.'),
  }),
  ExecutorDied: z.strictObject({}),
  RecoveryFailed: z.strictObject({}),
} as const satisfies Record<AlertRuleType, z.ZodType>;

/** A rule's metadata with its defaults, or the problems (paths under `ruleMetadata`). */
export function parseAlertRuleMetadata(ruleType: AlertRuleType, metadata: unknown) {
  return ALERT_RULE_METADATA[ruleType].safeParse(metadata ?? {});
}

/** `POST .../alerting-rules` (DBOS `CreateAlertInputBody`). */
export const CreateAlertingRuleRequestSchema = z
  .object({
    ruleType: AlertRuleTypeSchema,
    ruleMetadata: z.unknown().describe('Parameters of the rule type (see the rule types).'),
    receivingAppName: z
      .string()
      .min(1)
      .optional()
      .describe('The application whose executors get the `alert` message (default: this one).'),
    minIntervalSecs: z
      .number()
      .int()
      .min(0)
      .max(30 * 86_400)
      .optional()
      .describe('No new notification sooner than this after the last (`lastFiredAt`).'),
  })
  .superRefine((body, ctx) => {
    const parsed = parseAlertRuleMetadata(body.ruleType, body.ruleMetadata);
    for (const issue of parsed.error?.issues ?? []) {
      ctx.addIssue({
        code: 'custom',
        message: issue.message,
        path: ['ruleMetadata', ...issue.path],
      });
    }
  });
export type CreateAlertingRuleRequest = z.infer<typeof CreateAlertingRuleRequestSchema>;

/**
 * `PATCH .../alerting-rules/{ruleId}` (Podium's: DBOS has no update): what to change; the type
 * stays. `ruleMetadata` replaces the parameters whole (checked against the rule's type);
 * `minIntervalSecs: null` removes the throttle.
 */
export const UpdateAlertingRuleRequestSchema = z
  .strictObject({
    ruleMetadata: z.record(z.string(), z.unknown()).optional(),
    receivingAppName: z.string().min(1).optional(),
    minIntervalSecs: z
      .number()
      .int()
      .min(0)
      .max(30 * 86_400)
      .nullable()
      .optional(),
  })
  .refine((body) => Object.values(body).some((value) => value !== undefined), {
    message: 'name at least one setting to change',
  });
export type UpdateAlertingRuleRequest = z.infer<typeof UpdateAlertingRuleRequestSchema>;

export const ALERT_STATES = ['OK', 'FIRING'] as const;
export const AlertStateSchema = z.enum(ALERT_STATES);
export type AlertState = z.infer<typeof AlertStateSchema>;

/** DBOS `AlertingRule`, plus where it stands (`state`, since `stateChangedAt`). */
export const AlertingRuleSchema = z.object({
  id: z.uuid(),
  appId: z.uuid(),
  receivingAppId: z.uuid(),
  ruleType: AlertRuleTypeSchema,
  ruleMetadata: z.record(z.string(), z.unknown()),
  minIntervalSecs: z.number().int().nullable(),
  lastFiredAt: IsoTimestampSchema.nullable().describe('When it last notified.'),
  state: AlertStateSchema,
  stateChangedAt: IsoTimestampSchema.nullable(),
  createdAt: IsoTimestampSchema,
});
export type AlertingRule = z.infer<typeof AlertingRuleSchema>;
export const ListAlertingRulesResponseSchema = z.array(AlertingRuleSchema);
export type ListAlertingRulesResponse = z.infer<typeof ListAlertingRulesResponseSchema>;
export const AlertingRulePathSchema = z.object({ ruleId: z.uuid() });

export const AlertWebhookFormatSchema = z.enum(ALERT_WEBHOOK_FORMATS);
export type AlertWebhookFormat = z.infer<typeof AlertWebhookFormatSchema>;

/** `POST .../alert-webhooks` (of an organization: every app; of an app: that app). */
export const CreateAlertWebhookRequestSchema = z.strictObject({
  url: z
    .url({ protocol: /^https?$/ })
    .max(2048)
    .describe('Where alerts are POSTed (http or https).'),
  format: AlertWebhookFormatSchema.default('json'),
});
export type CreateAlertWebhookRequest = z.infer<typeof CreateAlertWebhookRequestSchema>;

export const AlertWebhookSchema = z.object({
  id: z.uuid(),
  url: z
    .string()
    .describe(
      'Listed as its origin, its path and query `…` (they may carry tokens; `secretPrefix` tells two apart); whole only in the create response.',
    ),
  format: AlertWebhookFormatSchema,
  /** Null: every application of the organization. */
  appId: z.uuid().nullable(),
  secretPrefix: z.string().describe('First characters of the signing secret.'),
  createdAt: IsoTimestampSchema,
});
export type AlertWebhook = z.infer<typeof AlertWebhookSchema>;
export const CreateAlertWebhookResponseSchema = AlertWebhookSchema.extend({
  secret: z.string().describe('The signing secret (HMAC-SHA256 key), shown this once.'),
});
export type CreateAlertWebhookResponse = z.infer<typeof CreateAlertWebhookResponseSchema>;
export const ListAlertWebhooksResponseSchema = z.array(AlertWebhookSchema);
export type ListAlertWebhooksResponse = z.infer<typeof ListAlertWebhooksResponseSchema>;
export const AlertWebhookPathSchema = z.object({ webhookId: z.uuid() });

/** A notification: the rule started firing, or stopped. */
export const ALERT_EVENTS = ['FIRING', 'RESOLVED'] as const;
export const AlertEventSchema = z.enum(ALERT_EVENTS);
export type AlertEvent = z.infer<typeof AlertEventSchema>;

export const DELIVERY_STATUSES = ['PENDING', 'DELIVERED', 'FAILED'] as const;
export const AlertDeliveryStatusSchema = z.enum(DELIVERY_STATUSES);
export type AlertDeliveryStatus = z.infer<typeof AlertDeliveryStatusSchema>;

export const AlertDeliveryAttemptSchema = z.object({
  at: IsoTimestampSchema,
  ok: z.boolean(),
  /** The receiver's HTTP status, when it answered. */
  httpStatus: z.number().int().nullable(),
  error: z.string().nullable(),
  durationMs: z.number().int(),
});
export type AlertDeliveryAttempt = z.infer<typeof AlertDeliveryAttemptSchema>;

/** One notification to one receiver: a webhook, or an executor (`alert` message). */
export const AlertDeliverySchema = z.object({
  id: z.uuid(),
  ruleId: z.uuid().nullable(),
  ruleType: AlertRuleTypeSchema,
  event: AlertEventSchema,
  channel: z.enum(['webhook', 'executor']),
  webhookId: z.uuid().nullable(),
  /** The webhook's URL, or the receiving application's name. */
  target: z.string(),
  message: z.string(),
  status: AlertDeliveryStatusSchema,
  attempts: z.array(AlertDeliveryAttemptSchema),
  createdAt: IsoTimestampSchema,
});
export type AlertDelivery = z.infer<typeof AlertDeliverySchema>;
export const ListAlertDeliveriesQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListAlertDeliveriesQuery = z.infer<typeof ListAlertDeliveriesQuerySchema>;
export const ListAlertDeliveriesResponseSchema = z.array(AlertDeliverySchema);
export type ListAlertDeliveriesResponse = z.infer<typeof ListAlertDeliveriesResponseSchema>;

/**
 * The JSON body POSTed to a `json` webhook. Signed: `Podium-Signature: t=<unix s>,v1=<hex>`,
 * where hex = HMAC-SHA256(secret, `${t}.${body}`).
 */
export const AlertWebhookPayloadSchema = z.object({
  deliveryId: z.uuid(),
  event: AlertEventSchema,
  ruleId: z.uuid(),
  ruleType: AlertRuleTypeSchema,
  organization: z.string(),
  application: z.string(),
  message: z.string(),
  metadata: z.record(z.string(), z.string()),
  at: IsoTimestampSchema,
});
export type AlertWebhookPayload = z.infer<typeof AlertWebhookPayloadSchema>;

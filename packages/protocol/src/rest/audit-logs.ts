import { z } from 'zod';
import { PaginationQuerySchema, paginated } from './pagination';
import { IsoTimestampSchema, RestTimestampSchema } from './query-params';

export const AUDIT_OUTCOMES = ['SUCCESS', 'FAILURE'] as const;
export const AuditOutcomeSchema = z.enum(AUDIT_OUTCOMES);
export type AuditOutcome = z.infer<typeof AuditOutcomeSchema>;

/** `GET /v2/orgs/{org}/audit-logs`: newest first; every filter is optional. */
export const ListAuditLogsQuerySchema = PaginationQuerySchema.extend({
  /** Exact action, e.g. `api_key.revoke`. */
  action: z.string().min(1).max(100).optional(),
  /** A user id or API key id. */
  actor: z.uuid().optional(),
  /** Exact target id (an API key id, a user id, an application name, ...). */
  target: z.string().min(1).max(200).optional(),
  targetType: z.string().min(1).max(100).optional(),
  outcome: AuditOutcomeSchema.optional(),
  /** Inclusive lower bound on the time of the action. */
  since: RestTimestampSchema.optional(),
  /** Exclusive upper bound on the time of the action. */
  until: RestTimestampSchema.optional(),
});
export type ListAuditLogsQuery = z.infer<typeof ListAuditLogsQuerySchema>;

export const AuditActorSchema = z.object({
  type: z.enum(['user', 'api_key']),
  id: z.uuid(),
  /** The user's display name or the key's name, when they still exist. */
  name: z.string().nullable(),
});
export type AuditActor = z.infer<typeof AuditActorSchema>;

export const AuditLogEntrySchema = z.object({
  id: z.uuid(),
  /** Dotted verb: `api_key.create`, `member.update_role`, `workflow.cancel`, ... */
  action: z.string(),
  actor: AuditActorSchema.nullable(),
  target: z.object({ type: z.string(), id: z.string().nullable() }),
  outcome: AuditOutcomeSchema,
  /** Structured context (never secrets); a failure adds `errorCode` and `error` (its detail). */
  details: z.record(z.string(), z.unknown()),
  createdAt: IsoTimestampSchema,
});
export type AuditLogEntry = z.infer<typeof AuditLogEntrySchema>;

export const ListAuditLogsResponseSchema = paginated(AuditLogEntrySchema);
export type ListAuditLogsResponse = z.infer<typeof ListAuditLogsResponseSchema>;

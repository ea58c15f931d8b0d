import { z } from 'zod';
import { PaginationQuerySchema, listResponse } from './pagination';
import { IsoTimestampSchema, RestTimestampSchema } from './query-params';

export const AUDIT_OUTCOMES = ['SUCCESS', 'FAILURE'] as const;
export const AuditOutcomeSchema = z.enum(AUDIT_OUTCOMES);
export type AuditOutcome = z.infer<typeof AuditOutcomeSchema>;

/** `GET /v2/orgs/{org}/audit-logs`: newest first; every filter is optional. */
export const ListAuditLogsQuerySchema = PaginationQuerySchema.extend({
  action: z.string().min(1).max(100).optional().describe('Exact action, e.g. `api_key.revoke`.'),
  actor: z.uuid().optional().describe('A user id or API key id.'),
  target: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe('Exact target id (an API key id, a user id, an application name, ...).'),
  targetType: z.string().min(1).max(100).optional(),
  outcome: AuditOutcomeSchema.optional(),
  since: RestTimestampSchema.optional().describe(
    'Inclusive lower bound on the time of the action.',
  ),
  until: RestTimestampSchema.optional().describe(
    'Exclusive upper bound on the time of the action.',
  ),
});
export type ListAuditLogsQuery = z.infer<typeof ListAuditLogsQuerySchema>;

export const AuditActorSchema = z.object({
  type: z.enum(['user', 'api_key']),
  id: z.uuid(),
  name: z
    .string()
    .nullable()
    .describe("The user's display name or the key's name, when they still exist."),
});
export type AuditActor = z.infer<typeof AuditActorSchema>;

export const AuditLogEntrySchema = z.object({
  id: z.uuid(),
  action: z
    .string()
    .describe('Dotted verb: `api_key.create`, `member.update_role`, `workflow.cancel`, ...'),
  actor: AuditActorSchema.nullable().describe(
    'Null for actions of the control plane itself (`executor.recover`).',
  ),
  target: z.object({ type: z.string(), id: z.string().nullable() }),
  outcome: AuditOutcomeSchema,
  details: z
    .record(z.string(), z.unknown())
    .describe(
      'Structured context (never secrets); a failure adds `errorCode` and `error` (its detail).',
    ),
  createdAt: IsoTimestampSchema,
});
export type AuditLogEntry = z.infer<typeof AuditLogEntrySchema>;

export const ListAuditLogsResponseSchema = listResponse(AuditLogEntrySchema);
export type ListAuditLogsResponse = z.infer<typeof ListAuditLogsResponseSchema>;

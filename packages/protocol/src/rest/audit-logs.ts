import { z } from 'zod';
import { listResponse } from './pagination';
import { IsoTimestampSchema, RestTimestampSchema } from './query-params';

/** Outcomes as DBOS Conductor writes them: `failure` = refused, invalid or failed calls. */
export const AUDIT_STATUSES = ['success', 'failure'] as const;
export const AuditStatusSchema = z.enum(AUDIT_STATUSES);
export type AuditStatus = z.infer<typeof AuditStatusSchema>;

/** DBOS's bounds on an audit-log page: 100 by default, 1,000 at most (more is an error). */
export const DEFAULT_AUDIT_PAGE_LIMIT = 100;
export const MAX_AUDIT_PAGE_LIMIT = 1000;

/** `GET /v2/orgs/{org}/audit-logs` (DBOS's filters): newest first; every filter is optional. */
export const ListAuditLogsQuerySchema = z.strictObject({
  startTime: RestTimestampSchema.optional().describe('Inclusive lower bound on `emitTime`.'),
  endTime: RestTimestampSchema.optional().describe('Exclusive upper bound on `emitTime`.'),
  operation: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .describe('Exact operation, e.g. `application.update`.'),
  subject: z
    .string()
    .min(1)
    .max(320)
    .optional()
    .describe("Who acted: a user's or API key's id, or its display name (email or key name)."),
  target: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe('Exact target id (an API key id, a user id, an application name, ...).'),
  targetType: z.string().min(1).max(100).optional().describe('Podium: exact target type.'),
  status: AuditStatusSchema.optional().describe('Podium: only successes or only failures.'),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_AUDIT_PAGE_LIMIT)
    .default(DEFAULT_AUDIT_PAGE_LIMIT)
    .describe('Most entries to return.'),
  offset: z.coerce.number().int().min(0).default(0).describe('Entries to skip.'),
});
export type ListAuditLogsQuery = z.infer<typeof ListAuditLogsQuerySchema>;

/** Who acted. `display` is kept as it was when they acted, so it outlives the user or key. */
export const AuditSubjectSchema = z.object({
  type: z.enum(['user', 'api_key']),
  id: z.string(),
  display: z.string().describe("The user's email or the key's name at the time."),
});
export type AuditSubject = z.infer<typeof AuditSubjectSchema>;

export const AuditLogEntrySchema = z.object({
  id: z.string(),
  emitTime: IsoTimestampSchema,
  operation: z
    .string()
    .describe('Dotted verb: `token.create`, `role.grant`, `workflow.cancel`, ...'),
  status: AuditStatusSchema,
  subject: AuditSubjectSchema.nullable().describe(
    'Null for actions of the control plane itself (`executor.recover`).',
  ),
  target: z
    .object({ type: z.string(), id: z.string().nullable() })
    .describe('`id` is null when the target never came to exist (a refused create).'),
  sourceIp: z
    .string()
    .describe(
      "The caller's address (behind a trusted proxy, the forwarded one); empty for the control plane's own actions.",
    ),
  details: z
    .record(z.string(), z.unknown())
    .describe(
      'Structured context (never secrets; `{}` when there is none); a failure adds `errorCode` and `error` (its detail).',
    ),
});
export type AuditLogEntry = z.infer<typeof AuditLogEntrySchema>;

export const ListAuditLogsResponseSchema = listResponse(AuditLogEntrySchema);
export type ListAuditLogsResponse = z.infer<typeof ListAuditLogsResponseSchema>;

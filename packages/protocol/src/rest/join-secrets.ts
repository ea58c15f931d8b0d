import { z } from 'zod';
import { RoleSchema } from './members';
import { OrganizationSchema } from './organizations';
import { listResponse } from './pagination';
import { IsoTimestampSchema, RestTimestampSchema } from './query-params';
import { MAX_JOIN_SECRET_USES } from './values/join-secret-limits';

export {
  DEFAULT_JOIN_SECRET_TTL_DAYS,
  MAX_JOIN_SECRET_TTL_DAYS,
  MAX_JOIN_SECRET_USES,
} from './values/join-secret-limits';

/** `POST /v2/orgs/{org}/join-secrets`: an invitation anyone holding the secret can redeem. */
export const CreateJoinSecretRequestSchema = z.object({
  role: RoleSchema.describe("At most the creator's own role."),
  expiresAt: RestTimestampSchema.optional().describe(
    'Defaults to 7 days from now; at most 90 days ahead.',
  ),
  maxUses: z.number().int().min(1).max(MAX_JOIN_SECRET_USES).default(1),
});
export type CreateJoinSecretRequest = z.infer<typeof CreateJoinSecretRequestSchema>;

export const JoinSecretSchema = z.object({
  id: z.uuid(),
  prefix: z.string().describe("The secret's first characters, to recognise it; never the secret."),
  role: RoleSchema,
  expiresAt: IsoTimestampSchema,
  maxUses: z.number().int(),
  uses: z.number().int(),
  revokedAt: IsoTimestampSchema.nullable(),
  createdAt: IsoTimestampSchema,
  createdById: z.uuid().nullable(),
});
export type JoinSecret = z.infer<typeof JoinSecretSchema>;

/** The only response that ever carries the secret. */
export const CreateJoinSecretResponseSchema = JoinSecretSchema.extend({ secret: z.string() });
export type CreateJoinSecretResponse = z.infer<typeof CreateJoinSecretResponseSchema>;

/** `GET /v2/orgs/{org}/join-secrets` (`?limit=&offset=`). */
export const ListJoinSecretsResponseSchema = listResponse(JoinSecretSchema);
export type ListJoinSecretsResponse = z.infer<typeof ListJoinSecretsResponseSchema>;

/** Path parameters of `/v2/orgs/{org}/join-secrets/{id}`. */
export const JoinSecretParamsSchema = z.object({ id: z.uuid() });

/**
 * `POST /v2/orgs/{org}/secrets` (DBOS Conductor's): a single-use join secret for 7 days, joining
 * as OPERATOR (reads and acts on applications; `POST .../join-secrets` chooses any role the
 * creator may give, MEMBER, DBOS's "Organization Member", included).
 */
export const GenerateJoinSecretResponseSchema = z.object({ secret: z.string() });
export type GenerateJoinSecretResponse = z.infer<typeof GenerateJoinSecretResponseSchema>;
export const GENERATED_JOIN_SECRET_ROLE = 'OPERATOR' satisfies z.infer<typeof RoleSchema>;

/** Path of `POST /v2/orgs/{orgName}/join`: not `{org}`, the caller is not a member yet. */
export const JoinNamedOrganizationParamsSchema = z.object({
  orgName: z.string().min(1).max(100).describe('Organization name'),
});

/** `POST /v2/join`: the signed-in caller joins the secret's organization. */
export const JoinOrganizationRequestSchema = z.object({ secret: z.string().min(1).max(200) });
export type JoinOrganizationRequest = z.infer<typeof JoinOrganizationRequestSchema>;
export const JoinOrganizationResponseSchema = OrganizationSchema;
export type JoinOrganizationResponse = z.infer<typeof JoinOrganizationResponseSchema>;

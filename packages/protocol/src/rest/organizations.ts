import { z } from 'zod';
import { listResponse } from './pagination';
import { PermissionSchema } from './permissions';
import { IsoTimestampSchema } from './query-params';
import { ORGANIZATION_NAME_PATTERN, ORGANIZATION_NAME_RULE } from './values/organization-name';

export { ORGANIZATION_NAME_PATTERN, ORGANIZATION_NAME_RULE } from './values/organization-name';

export const OrganizationNameSchema = z
  .string()
  .regex(ORGANIZATION_NAME_PATTERN, `must be ${ORGANIZATION_NAME_RULE}`);

/** `POST /v2/orgs`: the caller becomes its owner. */
export const CreateOrganizationRequestSchema = z.object({
  name: OrganizationNameSchema,
  displayName: z.string().trim().min(1).max(100).optional().describe('Defaults to `name`.'),
});
export type CreateOrganizationRequest = z.infer<typeof CreateOrganizationRequestSchema>;

export const DEFAULT_AUDIT_LOG_RETENTION_DAYS = 90;
export const MIN_AUDIT_LOG_RETENTION_DAYS = 7;
export const MAX_AUDIT_LOG_RETENTION_DAYS = 3650;

/** "No limit" where DBOS Conductor's plan fields want a number. */
export const NO_LIMIT = 2_147_483_647;

/**
 * DBOS Conductor's plan and quota fields of an organization as a self-hosted Podium starts them:
 * every feature (`team`), no database it provisions; the control plane sets `maxApps` and
 * `maxConductorApps` to the installation's application quota.
 */
export const SELF_HOSTED_PLAN = {
  subscriptionPlan: 'team',
  maxApps: NO_LIMIT,
  maxConductorApps: NO_LIMIT,
  maxTeamMembers: NO_LIMIT,
  maxDatabaseInstances: 0,
  maxVms: 0,
  defaultRdsInstanceClassType: '',
} as const;

const fixed = 'Fixed here (DBOS Conductor cloud plan field).';

export const OrganizationSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  displayName: z.string(),
  createdAt: IsoTimestampSchema,
  role: z
    .string()
    .nullable()
    .describe("The caller's role here (built in or custom); null for API keys."),
  permissions: z
    .array(PermissionSchema)
    .describe("The caller's DBOS permissions here (their role's, or their API key's)."),
  auditLogRetentionDays: z.number().int().describe('Audit entries older than this are deleted.'),
  subscriptionPlan: z.enum(['free', 'pro', 'past_limit', 'team']).describe(`${fixed} \`team\`.`),
  maxApps: z
    .number()
    .int()
    .describe(
      `How many applications the organization may hold (\`PODIUM_ORG_MAX_APPLICATIONS\`); ${NO_LIMIT}: no limit.`,
    ),
  maxConductorApps: z.number().int().describe('The same as `maxApps`.'),
  maxTeamMembers: z.number().int().describe(`${fixed} ${NO_LIMIT}: no limit.`),
  maxDatabaseInstances: z.number().int().describe(`${fixed} 0: Podium provisions none.`),
  maxVms: z.number().int().describe(`${fixed} 0: Podium runs no machines.`),
  defaultRdsInstanceClassType: z.string().describe(`${fixed} Empty.`),
});
export type Organization = z.infer<typeof OrganizationSchema>;

export const CreateOrganizationResponseSchema = OrganizationSchema;
export type CreateOrganizationResponse = Organization;
export const GetOrganizationResponseSchema = OrganizationSchema;
export type GetOrganizationResponse = Organization;

/** `PATCH /v2/orgs/{org}` (DBOS Conductor's): rename, or change the audit log's retention. */
export const UpdateOrganizationRequestSchema = z
  .strictObject({
    newName: OrganizationNameSchema.optional().describe(
      'The new URL name; the old one stops resolving at once.',
    ),
    auditLogRetentionDays: z
      .number()
      .int()
      .min(MIN_AUDIT_LOG_RETENTION_DAYS)
      .max(MAX_AUDIT_LOG_RETENTION_DAYS)
      .optional(),
  })
  .refine((body) => body.newName !== undefined || body.auditLogRetentionDays !== undefined, {
    message: 'give newName or auditLogRetentionDays',
  });
export type UpdateOrganizationRequest = z.infer<typeof UpdateOrganizationRequestSchema>;

/** `GET /v2/orgs` (`?limit=&offset=`): the caller's organizations. */
export const ListOrganizationsResponseSchema = listResponse(OrganizationSchema);
export type ListOrganizationsResponse = z.infer<typeof ListOrganizationsResponseSchema>;

import { z } from 'zod';
import { RoleSchema } from './members';
import { paginated } from './pagination';
import { IsoTimestampSchema } from './query-params';

/** The URL name in `/v2/orgs/{org}`: 3–40 of [a-z0-9-], starting and ending alphanumeric. */
export const ORGANIZATION_NAME_PATTERN = /^[a-z0-9][a-z0-9-]{1,38}[a-z0-9]$/;

export const OrganizationNameSchema = z
  .string()
  .regex(
    ORGANIZATION_NAME_PATTERN,
    'must be 3-40 characters of a-z, 0-9 and "-", starting and ending with a letter or digit',
  );

/** `POST /v2/orgs`: the caller becomes its owner. */
export const CreateOrganizationRequestSchema = z.object({
  name: OrganizationNameSchema,
  displayName: z.string().trim().min(1).max(100).optional().describe('Defaults to `name`.'),
});
export type CreateOrganizationRequest = z.infer<typeof CreateOrganizationRequestSchema>;

export const OrganizationSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  displayName: z.string(),
  createdAt: IsoTimestampSchema,
  role: RoleSchema.nullable().describe(
    "The caller's role here; null for API keys, which have permissions instead.",
  ),
});
export type Organization = z.infer<typeof OrganizationSchema>;

export const CreateOrganizationResponseSchema = OrganizationSchema;
export type CreateOrganizationResponse = Organization;
export const GetOrganizationResponseSchema = OrganizationSchema;
export type GetOrganizationResponse = Organization;

/** `GET /v2/orgs` (`?limit=&offset=`): the caller's organizations. */
export const ListOrganizationsResponseSchema = paginated(OrganizationSchema);
export type ListOrganizationsResponse = z.infer<typeof ListOrganizationsResponseSchema>;

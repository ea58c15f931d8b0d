import { z } from 'zod';
import { ApplicationNameSchema } from './applications';
import { listResponse } from './pagination';
import { PermissionListSchema, PermissionSchema } from './permissions';
import { IsoTimestampSchema, RestTimestampSchema } from './query-params';

/** A key's name: unique among the organization's live keys, what DBOS's paths name it by. */
export const ApiKeyNameSchema = z.string().trim().min(1).max(100);

/** `POST /v2/orgs/{org}/tokens`. */
export const CreateApiKeyRequestSchema = z.object({
  name: ApiKeyNameSchema,
  permissions: PermissionListSchema.min(1).describe(
    "DBOS permission names; at most the creator's own.",
  ),
  applications: z
    .array(ApplicationNameSchema)
    .max(100)
    .default([])
    .describe('Restrict the key to these applications (by name); empty or absent: all of them.'),
  expiresAt: RestTimestampSchema.nullish().describe('Absent or null: the key never expires.'),
});
export type CreateApiKeyRequest = z.infer<typeof CreateApiKeyRequestSchema>;

/** `POST /v2/orgs/{org}/tokens/{tokenName}` (DBOS Conductor's create). */
export const CreateNamedApiKeyRequestSchema = z.object({
  appNames: z
    .array(ApplicationNameSchema)
    .max(100)
    .nullish()
    .transform((names) => names ?? [])
    .describe('Restrict the key to these applications; absent, null or empty: all of them.'),
  permissions: PermissionListSchema.nullish().describe(
    "Absent or null: all eight (an unscoped key, as DBOS); at most the creator's own.",
  ),
});
export type CreateNamedApiKeyRequest = z.infer<typeof CreateNamedApiKeyRequestSchema>;

export const ApiKeySchema = z.object({
  id: z.uuid(),
  tokenName: z.string(),
  prefix: z
    .string()
    .describe("The secret's first characters, to recognise it; never the secret or its hash."),
  permissions: z.array(PermissionSchema),
  appIds: z
    .array(z.uuid())
    .describe("Ids of the applications it is limited to; empty: all of the organization's."),
  applications: z
    .array(z.string())
    .describe("Names of the applications it is limited to; empty: all of the organization's."),
  expiresAt: IsoTimestampSchema.nullable(),
  revokedAt: IsoTimestampSchema.nullable(),
  lastUsedAt: IsoTimestampSchema.nullable(),
  createdAt: IsoTimestampSchema,
  createdById: z.uuid().nullable(),
});
export type ApiKey = z.infer<typeof ApiKeySchema>;

/** The only response that ever carries the secret (`token`). */
export const CreateApiKeyResponseSchema = ApiKeySchema.extend({
  token: z.string().describe('The secret, shown only here: the bearer credential.'),
});
export type CreateApiKeyResponse = z.infer<typeof CreateApiKeyResponseSchema>;

/** `GET /v2/orgs/{org}/tokens` (`?limit=&offset=`), revoked keys included. */
export const ListApiKeysResponseSchema = listResponse(ApiKeySchema);
export type ListApiKeysResponse = z.infer<typeof ListApiKeysResponseSchema>;

/** Path parameters of `/v2/orgs/{org}/tokens/{tokenName}`. */
export const ApiKeyParamsSchema = z.object({
  tokenName: z
    .string()
    .min(1)
    .max(100)
    .describe("The key's name (a live key's: names are unique among them), or its id."),
});

/** `PATCH /v2/orgs/{org}/tokens/{tokenName}`: renames the key (DBOS: `newName`). */
export const UpdateApiKeyRequestSchema = z.object({ newName: ApiKeyNameSchema });
export type UpdateApiKeyRequest = z.infer<typeof UpdateApiKeyRequestSchema>;
export const UpdateApiKeyResponseSchema = ApiKeySchema;
export type UpdateApiKeyResponse = ApiKey;

import { z } from 'zod';
import { ApplicationNameSchema } from './applications';
import { listResponse } from './pagination';
import { IsoTimestampSchema, RestTimestampSchema } from './query-params';

/** What an API key may do. A key holds a subset. */
export const API_KEY_PERMISSIONS = [
  /** Open an executor link (`<base>/websocket/<app>/<key>`). */
  'executor:connect',
  'workflows:read',
  'workflows:write',
] as const;
export const ApiKeyPermissionSchema = z.enum(API_KEY_PERMISSIONS);
export type ApiKeyPermission = z.infer<typeof ApiKeyPermissionSchema>;

const ApiKeyNameSchema = z.string().trim().min(1).max(100);

/** `POST /v2/orgs/{org}/tokens`. */
export const CreateApiKeyRequestSchema = z.object({
  name: ApiKeyNameSchema,
  permissions: z
    .array(ApiKeyPermissionSchema)
    .min(1)
    .refine((list) => new Set(list).size === list.length, 'must not repeat a permission'),
  applications: z
    .array(ApplicationNameSchema)
    .max(100)
    .default([])
    .describe('Restrict the key to these applications (by name); empty or absent: all of them.'),
  expiresAt: RestTimestampSchema.nullish().describe('Absent or null: the key never expires.'),
});
export type CreateApiKeyRequest = z.infer<typeof CreateApiKeyRequestSchema>;

export const ApiKeySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z
    .string()
    .describe("The secret's first characters, to recognise it; never the secret or its hash."),
  permissions: z.array(ApiKeyPermissionSchema),
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

/** The only response that ever carries the secret. */
export const CreateApiKeyResponseSchema = ApiKeySchema.extend({ secret: z.string() });
export type CreateApiKeyResponse = z.infer<typeof CreateApiKeyResponseSchema>;

/** `GET /v2/orgs/{org}/tokens` (`?limit=&offset=`), revoked keys included. */
export const ListApiKeysResponseSchema = listResponse(ApiKeySchema);
export type ListApiKeysResponse = z.infer<typeof ListApiKeysResponseSchema>;

/** Path parameters of `/v2/orgs/{org}/tokens/{id}`. */
export const ApiKeyParamsSchema = z.object({ id: z.uuid() });

/** `PATCH /v2/orgs/{org}/tokens/{id}`: renames the key. */
export const UpdateApiKeyRequestSchema = z.object({ name: ApiKeyNameSchema });
export type UpdateApiKeyRequest = z.infer<typeof UpdateApiKeyRequestSchema>;
export const UpdateApiKeyResponseSchema = ApiKeySchema;
export type UpdateApiKeyResponse = ApiKey;

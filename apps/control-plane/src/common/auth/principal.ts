import type { ApiKeyRecord } from '../../modules/api-keys/api-keys.repository';

/** Who is calling: a signed-in user (console session) or a machine client (API key). */
export type Principal =
  | { readonly kind: 'user'; readonly userId: string; readonly sessionId: string }
  | { readonly kind: 'api-key'; readonly apiKey: ApiKeyRecord };

/** What a caller may do inside one organization. Roles and key permissions both map to these. */
export const ACCESS_LEVELS = ['read', 'operate', 'admin', 'owner'] as const;
export type AccessLevel = (typeof ACCESS_LEVELS)[number];

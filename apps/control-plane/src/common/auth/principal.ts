import type { ApiKeyRecord } from '../../modules/api-keys/api-keys.repository';

/** Who is calling: a signed-in user (console session) or a machine client (API key). */
export type Principal =
  | { readonly kind: 'user'; readonly userId: string; readonly sessionId: string }
  | { readonly kind: 'api-key'; readonly apiKey: ApiKeyRecord };

// What a caller may do inside one organization: a REST fact (the console shows it), so it lives
// in the protocol.
export { ACCESS_LEVELS, type AccessLevel } from '@podium/protocol';

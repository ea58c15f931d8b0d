/** What the guards and services need to know of the API key a machine client presented. */
export interface ApiKeyCaller {
  readonly id: string;
  readonly organizationId: string;
  readonly permissions: readonly string[];
  /** Empty: every application of the organization. */
  readonly applicationIds: readonly string[];
  /** The member who created it (null once they are gone); keys it creates are theirs too. */
  readonly createdById: string | null;
  /** When it stops working (null: never); keys it creates expire no later. */
  readonly expiresAt: Date | null;
}

/** Who is calling: a signed-in user (console session) or a machine client (API key). */
export type Principal =
  | { readonly kind: 'user'; readonly userId: string; readonly sessionId: string }
  | { readonly kind: 'api-key'; readonly apiKey: ApiKeyCaller };

/** The applications a caller is limited to: a scoped key's; empty for all (users, unscoped keys). */
export function applicationScopeOf(principal: Principal): readonly string[] {
  return principal.kind === 'api-key' ? principal.apiKey.applicationIds : [];
}

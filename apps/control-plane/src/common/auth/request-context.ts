import { AppError, type Permission, type RoleOutput } from '@podium/protocol';
import type { HttpRequest } from '../http/http';
import type { Principal } from './principal';
import type { ApplicationRecord, OrganizationRecord } from './tenancy';

/** What the guards established about a request; handlers read it through decorators. */
export interface RequestContext {
  principal?: Principal;
  organization?: OrganizationRecord;
  /** The caller's permissions in `organization` (their role's, or their API key's). */
  permissions?: readonly Permission[];
  /** The signed-in caller's role in `organization` (API keys have none). */
  role?: RoleOutput;
  application?: ApplicationRecord;
  /** On `appMayBeNew` routes, the `{app}` named when no such application exists yet. */
  newApplicationName?: string;
}

const CONTEXT = Symbol('podium.request-context');

export function requestContext(req: HttpRequest): RequestContext {
  const holder = req as HttpRequest & { [CONTEXT]?: RequestContext };
  return (holder[CONTEXT] ??= {});
}

/** Who acts, and in which organization: what services need to scope and audit. */
export interface OrgScope {
  readonly organization: OrganizationRecord;
  readonly principal: Principal;
  readonly permissions: readonly Permission[];
  readonly role: RoleOutput | null;
}

/** The scope OrgAccessGuard resolved for an `:org` route. */
export function orgScopeOf(ctx: RequestContext): OrgScope {
  const { organization, principal, permissions } = ctx;
  // The guard sets all three on every `:org` route; without them the route is miswired.
  if (!organization || !principal || !permissions) {
    throw new AppError('INTERNAL', 'This route did not resolve its organization.');
  }
  return { organization, principal, permissions, role: ctx.role ?? null };
}

/** The signed-in user behind a request; API keys cannot manage accounts or organizations. */
export function signedInUserOf(ctx: RequestContext): { userId: string; sessionId: string } {
  const { principal } = ctx;
  if (!principal) throw new AppError('UNAUTHENTICATED', 'Sign in first.');
  if (principal.kind !== 'user') {
    throw new AppError('FORBIDDEN', 'This needs a signed-in user; API keys cannot do it.');
  }
  return { userId: principal.userId, sessionId: principal.sessionId };
}

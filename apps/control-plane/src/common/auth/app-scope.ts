import { AppError } from '@podium/protocol';
import type { Principal } from './principal';
import type { RequestContext } from './request-context';
import type { ApplicationRecord } from './tenancy';

/** The application a request is about, as OrgAccessGuard resolved it from `:org/:app`. */
export interface AppScope {
  readonly organizationId: string;
  readonly applicationId: string;
}

/** An app scope plus who is acting (for the audit log). */
export interface Operator extends AppScope {
  readonly principal: Principal;
}

/** The application OrgAccessGuard resolved from `:app`. */
export function applicationOf(ctx: RequestContext): ApplicationRecord {
  // The guard sets it on every `:org/:app` route; without it the route is miswired.
  if (!ctx.application) {
    throw new AppError('INTERNAL', 'This route did not resolve its application.');
  }
  return ctx.application;
}

/** The `{app}` of an `appMayBeNew` route that names no existing application. */
export function newApplicationNameOf(ctx: RequestContext): string {
  if (ctx.newApplicationName === undefined) {
    throw new AppError('INTERNAL', 'This route did not resolve its application name.');
  }
  return ctx.newApplicationName;
}

export function scopeOf(ctx: RequestContext): AppScope {
  const { organizationId, id } = applicationOf(ctx);
  return { organizationId, applicationId: id };
}

export function operatorOf(ctx: RequestContext): Operator {
  if (!ctx.principal) throw new AppError('INTERNAL', 'This route did not authenticate its caller.');
  return { ...scopeOf(ctx), principal: ctx.principal };
}

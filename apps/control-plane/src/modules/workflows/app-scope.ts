import { AppError } from '@podium/protocol';
import type { Principal } from '../../common/auth/principal';
import type { RequestContext } from '../../common/auth/request-context';

/** The application a request is about, as the access guard resolved it from `:org/:app`. */
export interface AppScope {
  readonly organizationId: string;
  readonly applicationId: string;
}

/** An app scope plus who is acting (for the audit log). */
export interface Operator extends AppScope {
  readonly principal: Principal;
}

export function scopeOf(ctx: RequestContext): AppScope {
  const { organization, application } = ctx;
  // The guard sets both on every `:org/:app` route; without them the route is miswired.
  if (!organization || !application) {
    throw new AppError('INTERNAL', 'This route did not resolve its application.');
  }
  return { organizationId: organization.id, applicationId: application.id };
}

export function operatorOf(ctx: RequestContext): Operator {
  if (!ctx.principal) throw new AppError('INTERNAL', 'This route did not authenticate its caller.');
  return { ...scopeOf(ctx), principal: ctx.principal };
}

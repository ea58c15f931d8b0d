import { type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AppError, type Permission } from '@podium/protocol';
import { acceptsApiKeys, permissionOfRoute } from '../../common/auth/route-permission';
import { ROUTE_SPEC } from '../../common/routes/route.decorator';
import type { RouteAudit, RouteSpec } from '../../common/routes/route-spec';

/** What a route's spec says about who may call it. */
export interface RoutePolicy {
  /** No authentication at all (health, sign-up, sign-in). */
  readonly isPublic: boolean;
  /** The permission needed in the route's `{org}`; none for public and user-only routes. */
  readonly required?: Permission;
  /** API keys may call it (`acceptsApiKeys`). */
  readonly keysAccepted: boolean;
  /** Also needs the built-in owner role (`access: 'owner'`: Podium's extra above DBOS). */
  readonly ownerOnly: boolean;
  /** Audited under this action when the access guard refuses a member for lacking `required`. */
  readonly audited?: RouteAudit;
  /** `{app}` may not exist yet (RouteSpec.appMayBeNew). */
  readonly appMayBeNew: boolean;
}

/** The policy of a route, from its spec (see RouteSpec.access). */
export function policyOf(spec: RouteSpec): RoutePolicy {
  return {
    isPublic: spec.access === 'public',
    required: permissionOfRoute(spec),
    keysAccepted: acceptsApiKeys(spec),
    ownerOnly: spec.access === 'owner',
    audited: spec.audit,
    appMayBeNew: spec.appMayBeNew === true,
  };
}

/**
 * Reads each route's policy once. Metadata never changes after start-up, and both global
 * guards run on every request: reading it through Reflector each time allocated a little
 * garbage per request for the same answer (the proxy benchmark's tail is GC).
 */
@Injectable()
export class RoutePolicies {
  private readonly byHandler = new Map<unknown, RoutePolicy>();

  constructor(private readonly reflector: Reflector) {}

  of(context: ExecutionContext): RoutePolicy {
    const handler = context.getHandler();
    let policy = this.byHandler.get(handler);
    if (!policy) {
      const spec = this.reflector.get<RouteSpec | undefined>(ROUTE_SPEC, handler);
      // Every handler takes its facts from a route spec (`@Route`): without one it is miswired.
      if (!spec) throw new AppError('INTERNAL', 'This route has no route spec.');
      policy = policyOf(spec);
      this.byHandler.set(handler, policy);
    }
    return policy;
  }
}

import { type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AUDITED_ACTION, type AuditedAction, PUBLIC_ROUTE, REQUIRED_ACCESS } from './decorators';
import type { AccessLevel } from './principal';

/** What a route's decorators say about who may call it. */
export interface RoutePolicy {
  readonly isPublic: boolean;
  readonly required?: AccessLevel;
  readonly audited?: AuditedAction;
}

/**
 * Reads each route's policy once. Decorator metadata never changes after start-up, and both
 * global guards run on every request: reading it through Reflector each time allocated a
 * little garbage per request for the same answer (the proxy benchmark's tail is GC).
 */
@Injectable()
export class RoutePolicies {
  private readonly byHandler = new Map<unknown, RoutePolicy>();

  constructor(private readonly reflector: Reflector) {}

  of(context: ExecutionContext): RoutePolicy {
    const handler = context.getHandler();
    let policy = this.byHandler.get(handler);
    if (!policy) {
      const targets = [handler, context.getClass()];
      policy = {
        isPublic: this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets) ?? false,
        required: this.reflector.getAllAndOverride<AccessLevel | undefined>(
          REQUIRED_ACCESS,
          targets,
        ),
        audited: this.reflector.get<AuditedAction | undefined>(AUDITED_ACTION, handler),
      };
      this.byHandler.set(handler, policy);
    }
    return policy;
  }
}

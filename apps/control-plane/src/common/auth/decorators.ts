import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { HttpRequest } from '../http/http';
import type { AccessLevel } from './principal';
import { requestContext, type RequestContext } from './request-context';

export const PUBLIC_ROUTE = 'podium:public';
export const REQUIRED_ACCESS = 'podium:required-access';
export const AUDITED_ACTION = 'podium:audited-action';

/** No authentication at all (health, sign-up, sign-in). Everything else requires a caller. */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/**
 * The level the caller needs in the route's `:org` (and, if present, `:app`).
 * Routes with `:org` must declare it; see OrgAccessGuard.
 */
export const RequireAccess = (level: AccessLevel) => SetMetadata(REQUIRED_ACCESS, level);

/** What an audited route does, so a refusal by the guards is audited too. */
export interface AuditedAction {
  /** Dotted verb, as the service records it: `api_key.revoke`. */
  readonly action: string;
  readonly targetType: string;
  /** The route parameter naming the target, if any (`id`, `userId`, `app`). */
  readonly targetParam?: string;
}

/**
 * Marks an operator action. The service records its outcome; when OrgAccessGuard refuses a
 * member for lacking the level, it records that FAILURE under the same action.
 */
export const AuditAs = (action: string, targetType: string, targetParam?: string) =>
  SetMetadata(AUDITED_ACTION, { action, targetType, targetParam } satisfies AuditedAction);

/** The guards' findings: principal, organization, access levels, application. */
export const Context = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): RequestContext =>
    requestContext(ctx.switchToHttp().getRequest<HttpRequest>()),
);

import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Request } from 'express';
import type { AccessLevel } from './principal';
import { requestContext, type RequestContext } from './request-context';

export const PUBLIC_ROUTE = 'podium:public';
export const REQUIRED_ACCESS = 'podium:required-access';

/** No authentication at all (health, sign-up, sign-in). Everything else requires a caller. */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/**
 * The level the caller needs in the route's `:org` (and, if present, `:app`).
 * Routes with `:org` must declare it; see OrgAccessGuard.
 */
export const RequireAccess = (level: AccessLevel) => SetMetadata(REQUIRED_ACCESS, level);

/** The guards' findings: principal, organization, access levels, application. */
export const Context = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): RequestContext =>
    requestContext(ctx.switchToHttp().getRequest<Request>()),
);

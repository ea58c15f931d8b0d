import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { HttpRequest } from '../http/http';
import { requestContext, type RequestContext } from './request-context';

/** The guards' findings: principal, organization, access levels, application. */
export const Context = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): RequestContext =>
    requestContext(ctx.switchToHttp().getRequest<HttpRequest>()),
);

import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { HttpRequest } from '../../common/http/http';

/** Who is on the other end of a sign-in: rate limits key on `ip`, sessions keep the agent. */
export interface ClientInfo {
  /** From X-Forwarded-For only when the peer is trusted (config `http.trustProxy`). */
  readonly ip: string;
  readonly userAgent: string | null;
}

export function clientInfoOf(req: HttpRequest): ClientInfo {
  return {
    ip: req.ip || 'unknown',
    userAgent: req.headers['user-agent']?.slice(0, 512) ?? null,
  };
}

/** The caller's address and user agent, as a handler parameter. */
export const Client = createParamDecorator((_data: unknown, ctx: ExecutionContext): ClientInfo =>
  clientInfoOf(ctx.switchToHttp().getRequest<HttpRequest>()),
);

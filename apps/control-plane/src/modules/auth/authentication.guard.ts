import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { AppError } from '@podium/protocol';
import type { Principal } from '../../common/auth/principal';
import { requestContext } from '../../common/auth/request-context';
import type { HttpRequest } from '../../common/http/http';
import { PodiumMetrics } from '../../infra/metrics/podium-metrics';
import { ApiKeysService } from '../api-keys/api-keys.service';
import { SessionAuthenticator } from '../sessions/session-authenticator';
import { RoutePolicies } from './route-policy';
import { bearerToken } from '../../common/auth/bearer';
import { clientInfoOf } from '../accounts/client-info';

/**
 * Global guard: every route needs a caller unless its spec says `public`.
 * Machine clients send `Authorization: Bearer <api key>` (which wins, and needs no
 * CSRF token: browsers never attach it on their own); the console sends its
 * session cookies, checked (with CSRF) by SessionAuthenticator.
 */
@Injectable()
export class AuthenticationGuard implements CanActivate {
  constructor(
    private readonly policies: RoutePolicies,
    private readonly apiKeys: ApiKeysService,
    private readonly sessions: SessionAuthenticator,
    private readonly metrics: PodiumMetrics,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.policies.of(context).isPublic) return true;
    const req = context.switchToHttp().getRequest<HttpRequest>();
    // Already there when the route authenticates before reading its body.
    requestContext(req).principal ??= await this.authenticateRequest(req);
    return true;
  }

  /**
   * The caller, or UNAUTHENTICATED. Also run before a large body is read (see
   * installExecutorSizedBodies), so that only callers can make the server read one.
   */
  async authenticateRequest(req: HttpRequest): Promise<Principal> {
    try {
      const principal = await this.authenticate(req);
      if (!principal)
        throw new AppError('UNAUTHENTICATED', 'Sign in, or send an API key as a Bearer token.');
      return principal;
    } catch (error) {
      if (AppError.is(error) && error.code === 'UNAUTHENTICATED') {
        this.metrics.recordRefusal('unauthenticated');
      }
      throw error;
    }
  }

  private async authenticate(req: HttpRequest): Promise<Principal | null> {
    const bearer = bearerToken(req.headers.authorization);
    if (bearer) {
      const apiKey = await this.apiKeys.authenticate(bearer, clientInfoOf(req).ip);
      if (!apiKey)
        throw new AppError('UNAUTHENTICATED', 'The API key is unknown, revoked or expired.');
      return { kind: 'api-key', apiKey };
    }
    return this.sessions.authenticate(req);
  }
}

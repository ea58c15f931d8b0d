import { Inject, Injectable } from '@nestjs/common';
import { type ActiveSession, AppError, type CreateSessionRequest } from '@podium/protocol';
import { EventBus } from '../../infra/events/event-bus';
import type { Logger } from 'pino';
import { LOGGER } from '../../common/logging/logging.tokens';
import { AuthAttemptLimiter } from '../accounts/auth-attempt-limiter';
import type { ClientInfo } from '../accounts/client-info';
import { type UserRecord, UsersService } from '../users/users.service';
import { type AccessClaims, AccessTokens } from './access-tokens';
import { CsrfTokens } from './csrf-tokens';
import { generateRefreshToken, hashRefreshToken } from './refresh-token';
import type { SessionCredentials } from './session-cookies';
import { type IssuedSession, mapActiveSession } from './sessions.dto';
import { SessionsRepository, type SessionRecord } from './sessions.repository';

const DAY_MS = 24 * 60 * 60_000;
/** A session unused (not refreshed) for this long ends. */
export const SESSION_IDLE_TIMEOUT_MS = 14 * DAY_MS;
/** No session outlives this, however active: sign in again. */
export const SESSION_MAX_AGE_MS = 30 * DAY_MS;
/**
 * A refresh token rotated out less than this long ago gets a plain 401 when it comes back:
 * two tabs refreshing at once send the same token, and the slower one must not end the
 * session. Later, a retired token means someone else holds a copy: the session is revoked.
 */
export const REFRESH_REUSE_GRACE_MS = 30_000;

const WRONG_CREDENTIALS = 'The email or password is not right.';
const SESSION_ENDED = 'The session has ended; sign in again.';
const CSRF_REFUSED = 'Missing or wrong X-CSRF-Token header (echo the podium_csrf cookie).';

function isLive(session: SessionRecord, now: Date): boolean {
  return session.revokedAt === null && session.expiresAt > now;
}

/**
 * Console sessions: a row per sign-in holding the hash of a rotating refresh token, and
 * short-lived access JWTs naming that row. Ending a session revokes the row, which every
 * request checks, so sign-out takes effect at once.
 */
@Injectable()
export class SessionsService {
  constructor(
    private readonly sessions: SessionsRepository,
    private readonly users: UsersService,
    private readonly limiter: AuthAttemptLimiter,
    private readonly accessTokens: AccessTokens,
    private readonly csrf: CsrfTokens,
    private readonly events: EventBus,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async signIn(
    input: CreateSessionRequest,
    client: ClientInfo,
    now = new Date(),
  ): Promise<IssuedSession> {
    await this.limiter.beginSignIn(client.ip, input.email);
    const user = await this.users.findOneByCredentials(input.email, input.password);
    if (!user) throw new AppError('UNAUTHENTICATED', WRONG_CREDENTIALS);
    await this.limiter.signInSucceeded(client.ip, input.email);
    await this.sessions.forgetRetiredTokensOfEndedSessions(user.id, now);
    const refresh = generateRefreshToken();
    const session = await this.sessions.create({
      userId: user.id,
      refreshTokenHash: refresh.hash,
      expiresAt: new Date(now.getTime() + SESSION_IDLE_TIMEOUT_MS),
      lastUsedAt: now,
      userAgent: client.userAgent,
    });
    return this.issue(user, session, refresh.token, now);
  }

  /** Exchanges the refresh token for a new one and a new access token (rotation). */
  async refresh(credentials: SessionCredentials, now = new Date()): Promise<IssuedSession> {
    const { refreshToken } = credentials;
    if (!refreshToken) throw new AppError('UNAUTHENTICATED', 'No session to refresh; sign in.');
    const currentHash = hashRefreshToken(refreshToken);
    const session = await this.sessions.findOneByRefreshTokenHash(currentHash);
    if (!session) await this.revokeIfReplayed(currentHash, now);
    if (!session || !isLive(session, now)) throw new AppError('UNAUTHENTICATED', SESSION_ENDED);
    this.assertCsrf(session.id, credentials);
    const next = generateRefreshToken();
    const expiresAt = new Date(
      Math.min(
        now.getTime() + SESSION_IDLE_TIMEOUT_MS,
        session.createdAt.getTime() + SESSION_MAX_AGE_MS,
      ),
    );
    const rotated = await this.sessions.rotate(session.id, {
      fromHash: currentHash,
      toHash: next.hash,
      expiresAt,
      at: now,
    });
    const user = rotated ? await this.users.findOneById(session.userId) : null;
    if (!user) throw new AppError('UNAUTHENTICATED', SESSION_ENDED);
    return this.issue(user, { ...session, expiresAt }, next.token, now);
  }

  /**
   * Ends the session the request carries (named by its access token or, if that expired, its
   * refresh token). Nothing to end is not an error: signing out is idempotent.
   */
  async signOut(credentials: SessionCredentials, now = new Date()): Promise<void> {
    const sessionId = await this.sessionIdOf(credentials, now);
    if (!sessionId) return;
    this.assertCsrf(sessionId, credentials);
    await this.sessions.revoke(sessionId, now);
    this.announceEnded([sessionId]);
  }

  /** The user's live sessions, most recently used first; `currentId` is the one asking. */
  async listOfUser(userId: string, currentId: string, now = new Date()): Promise<ActiveSession[]> {
    const sessions = await this.sessions.findLiveOfUser(userId, now);
    return sessions.map((session) => mapActiveSession(session, currentId));
  }

  /**
   * Ends one of the user's live sessions (the one asking too: that signs it out; its controller
   * clears the cookies). NOT_FOUND for another user's or an ended one.
   */
  async endOfUser(userId: string, sessionId: string, now = new Date()): Promise<void> {
    if (!(await this.sessions.revokeOfUser(sessionId, userId, now))) {
      throw new AppError('NOT_FOUND', 'You have no live session with this id.');
    }
    this.announceEnded([sessionId]);
  }

  /**
   * Ends every live session of the user but `keepId` (joining the current transaction), which
   * must itself still be live, and stays so (its row is locked): one ended meanwhile is
   * UNAUTHENTICATED, and nothing ends.
   */
  async endOthersOfUser(userId: string, keepId: string, now = new Date()): Promise<number> {
    if (!(await this.sessions.lockLiveOfUser(keepId, userId, now))) {
      throw new AppError('UNAUTHENTICATED', SESSION_ENDED);
    }
    const ended = await this.sessions.revokeOthersOfUser(userId, keepId, now);
    this.announceEnded(ended);
    return ended.length;
  }

  /** Whether the session is still live and still the user's (live streams re-check this). */
  async isSessionLive(sessionId: string, userId: string, now = new Date()): Promise<boolean> {
    const session = await this.sessions.findOneById(sessionId);
    return session !== null && session.userId === userId && isLive(session, now);
  }

  /** The claims of an access token whose session is still live; null otherwise. */
  async resolveAccessToken(token: string, now = new Date()): Promise<AccessClaims | null> {
    const claims = await this.accessTokens.verify(token, now);
    if (!claims) return null;
    const session = await this.sessions.findOneById(claims.sessionId);
    if (!session || session.userId !== claims.userId || !isLive(session, now)) return null;
    return claims;
  }

  assertCsrf(sessionId: string, credentials: SessionCredentials): void {
    if (!this.csrf.matches(sessionId, credentials.csrfHeader, credentials.csrfCookie)) {
      throw new AppError('FORBIDDEN', CSRF_REFUSED);
    }
  }

  /**
   * A retired refresh token came back. Within the grace it is a concurrent refresh; after it,
   * two parties hold the session (one stole it), and we cannot tell which is which: the session
   * ends for both (refresh-token reuse detection, RFC 9700 §4.14.2).
   */
  private async revokeIfReplayed(tokenHash: string, now: Date): Promise<void> {
    const retired = await this.sessions.findOneRetiredToken(tokenHash);
    if (!retired || now.getTime() - retired.retiredAt.getTime() < REFRESH_REUSE_GRACE_MS) return;
    if (await this.sessions.revoke(retired.sessionId, now)) {
      this.announceEnded([retired.sessionId]);
      this.logger.warn(
        { sessionId: retired.sessionId, userId: retired.userId, retiredAt: retired.retiredAt },
        'retired refresh token presented again: session revoked (possible theft)',
      );
    }
  }

  /** Their live streams close (on every replica; once the revocation is committed). */
  private announceEnded(sessionIds: readonly string[]): void {
    for (const sessionId of sessionIds) this.events.emit('session.ended', { sessionId });
  }

  private async sessionIdOf(credentials: SessionCredentials, now: Date): Promise<string | null> {
    if (credentials.accessToken) {
      const claims = await this.accessTokens.verify(credentials.accessToken, now);
      if (claims) return claims.sessionId;
    }
    if (credentials.refreshToken) {
      const session = await this.sessions.findOneByRefreshTokenHash(
        hashRefreshToken(credentials.refreshToken),
      );
      if (session) return session.id;
    }
    return null;
  }

  private async issue(
    user: UserRecord,
    session: Pick<SessionRecord, 'id' | 'expiresAt'>,
    refreshToken: string,
    now: Date,
  ): Promise<IssuedSession> {
    const access = await this.accessTokens.sign({ userId: user.id, sessionId: session.id }, now);
    return {
      user,
      sessionId: session.id,
      expiresAt: session.expiresAt,
      accessToken: access.token,
      accessExpiresAt: access.expiresAt,
      refreshToken,
      csrfToken: this.csrf.issue(session.id),
    };
  }
}

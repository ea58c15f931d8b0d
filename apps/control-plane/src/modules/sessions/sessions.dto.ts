import type { ActiveSession, SessionResponse } from '@podium/protocol';
import { mapUser } from '../users/users.dto';
import type { UserRecord } from '../users/users.service';
import type { SessionRecord } from './sessions.repository';

/** What a sign-in or refresh hands out: the cookies' contents and the response body. */
export interface IssuedSession {
  readonly user: UserRecord;
  readonly sessionId: string;
  /** When the session (and its refresh token) ends unless refreshed. */
  readonly expiresAt: Date;
  readonly accessToken: string;
  readonly accessExpiresAt: Date;
  readonly refreshToken: string;
  readonly csrfToken: string;
}

/** The response body: never the access or refresh token (those live in HttpOnly cookies). */
export function mapSessionResponse(issued: IssuedSession): SessionResponse {
  return {
    user: mapUser(issued.user),
    session: {
      id: issued.sessionId,
      expiresAt: issued.expiresAt.toISOString(),
      accessExpiresAt: issued.accessExpiresAt.toISOString(),
    },
    csrfToken: issued.csrfToken,
  };
}

/** A live session as its user sees it in their list: never its tokens. */
export function mapActiveSession(session: SessionRecord, currentId: string): ActiveSession {
  return {
    id: session.id,
    createdAt: session.createdAt.toISOString(),
    lastUsedAt: session.lastUsedAt.toISOString(),
    expiresAt: session.expiresAt.toISOString(),
    userAgent: session.userAgent,
    current: session.id === currentId,
  };
}

import { Inject, Injectable } from '@nestjs/common';
import type { Database } from '@podium/db';
import { DATABASE } from '../../infra/database/database.tokens';

export interface SessionRecord {
  readonly id: string;
  readonly userId: string;
  readonly expiresAt: Date;
  readonly revokedAt: Date | null;
  readonly lastUsedAt: Date;
  readonly userAgent: string | null;
  readonly createdAt: Date;
}

const FIELDS = {
  id: true,
  userId: true,
  expiresAt: true,
  revokedAt: true,
  lastUsedAt: true,
  userAgent: true,
  createdAt: true,
} as const;

/**
 * Retired tokens kept per session, newest first: reuse of an older one is not recognised as
 * theft, only refused as unknown. Bounds what a client refreshing in a loop can write.
 */
export const MAX_RETIRED_TOKENS_PER_SESSION = 100;

/** The most sessions a user is shown (most recently used first); signing in adds one each time. */
export const MAX_LISTED_SESSIONS = 100;

/** The only place that touches the sessions table. Refresh tokens appear here only as hashes. */
@Injectable()
export class SessionsRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  create(session: {
    userId: string;
    refreshTokenHash: string;
    expiresAt: Date;
    lastUsedAt: Date;
    userAgent: string | null;
  }): Promise<SessionRecord> {
    return this.db.prisma.session.create({ data: session, select: FIELDS });
  }

  findOneById(id: string): Promise<SessionRecord | null> {
    return this.db.prisma.session.findUnique({ where: { id }, select: FIELDS });
  }

  findOneByRefreshTokenHash(refreshTokenHash: string): Promise<SessionRecord | null> {
    return this.db.prisma.session.findUnique({ where: { refreshTokenHash }, select: FIELDS });
  }

  /**
   * Swaps the refresh token, only if `fromHash` is still the current one and the session is
   * live: of two concurrent refreshes with the same token, exactly one wins. The old hash is
   * kept as retired, so a later replay of it can be recognised.
   */
  rotate(
    id: string,
    change: { fromHash: string; toHash: string; expiresAt: Date; at: Date },
  ): Promise<boolean> {
    return this.db.prisma.$transaction(async (tx) => {
      const { count } = await tx.session.updateMany({
        where: {
          id,
          refreshTokenHash: change.fromHash,
          revokedAt: null,
          expiresAt: { gt: change.at },
        },
        data: {
          refreshTokenHash: change.toHash,
          expiresAt: change.expiresAt,
          lastUsedAt: change.at,
        },
      });
      if (count !== 1) return false;
      await tx.retiredRefreshToken.create({
        data: { tokenHash: change.fromHash, sessionId: id, retiredAt: change.at },
      });
      await tx.$executeRaw`
        DELETE FROM retired_refresh_tokens WHERE token_hash IN (
          SELECT token_hash FROM retired_refresh_tokens WHERE session_id = ${id}::uuid
          ORDER BY retired_at DESC OFFSET ${MAX_RETIRED_TOKENS_PER_SESSION})`;
      return true;
    });
  }

  /** The session a refresh token was retired from, and when; null if it never was. */
  async findOneRetiredToken(
    tokenHash: string,
  ): Promise<{ sessionId: string; userId: string; retiredAt: Date } | null> {
    const row = await this.db.prisma.retiredRefreshToken.findUnique({
      where: { tokenHash },
      select: { sessionId: true, retiredAt: true, session: { select: { userId: true } } },
    });
    return (
      row && { sessionId: row.sessionId, userId: row.session.userId, retiredAt: row.retiredAt }
    );
  }

  /** True when this call ended a live session (false: it had ended already). */
  async revoke(id: string, at: Date): Promise<boolean> {
    const { count } = await this.db.prisma.session.updateMany({
      where: { id, revokedAt: null },
      data: { revokedAt: at },
    });
    return count === 1;
  }

  /** The user's live sessions, most recently used first (at most MAX_LISTED_SESSIONS). */
  findLiveOfUser(userId: string, now: Date): Promise<SessionRecord[]> {
    return this.db.prisma.session.findMany({
      where: { userId, revokedAt: null, expiresAt: { gt: now } },
      orderBy: [{ lastUsedAt: 'desc' }, { id: 'desc' }],
      take: MAX_LISTED_SESSIONS,
      select: FIELDS,
    });
  }

  /** Ends one of the user's live sessions; false when it is not one (another user's, ended). */
  async revokeOfUser(id: string, userId: string, at: Date): Promise<boolean> {
    const { count } = await this.db.prisma.session.updateMany({
      where: { id, userId, revokedAt: null, expiresAt: { gt: at } },
      data: { revokedAt: at },
    });
    return count === 1;
  }

  /**
   * Whether `id` is a live session of the user, locking its row until the current transaction
   * ends (so that it cannot be ended meanwhile).
   */
  async lockLiveOfUser(id: string, userId: string, now: Date): Promise<boolean> {
    const rows = await this.db.prisma.$queryRaw<Array<{ id: string }>>`
      SELECT id FROM sessions
      WHERE id = ${id}::uuid AND user_id = ${userId}::uuid
        AND revoked_at IS NULL AND expires_at > ${now}
      FOR UPDATE`;
    return rows.length === 1;
  }

  /** Ends every live session of the user but `keepId`; the ids of those it ended. */
  async revokeOthersOfUser(userId: string, keepId: string, at: Date): Promise<string[]> {
    const rows = await this.db.prisma.session.updateManyAndReturn({
      where: { userId, id: { not: keepId }, revokedAt: null, expiresAt: { gt: at } },
      data: { revokedAt: at },
      select: { id: true },
    });
    return rows.map((row) => row.id);
  }

  /**
   * Deletes the sessions that ended (revoked, or expired) before `cutoff`, their retired tokens
   * with them; how many.
   */
  async deleteEndedBefore(cutoff: Date): Promise<number> {
    const { count } = await this.db.prisma.session.deleteMany({
      where: { OR: [{ revokedAt: { lt: cutoff } }, { expiresAt: { lt: cutoff } }] },
    });
    return count;
  }

  /**
   * Retired tokens matter only while their session lives: those of the user's ended sessions
   * are dropped (at sign-in, which is rare), so the table does not grow without bound.
   */
  async forgetRetiredTokensOfEndedSessions(userId: string, now: Date): Promise<void> {
    await this.db.prisma.retiredRefreshToken.deleteMany({
      where: {
        session: { userId, OR: [{ revokedAt: { not: null } }, { expiresAt: { lte: now } }] },
      },
    });
  }
}

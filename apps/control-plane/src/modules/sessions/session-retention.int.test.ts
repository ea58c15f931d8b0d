import { openDatabase, type Database } from '@podium/db';
import { createScratchDatabase, type ScratchDatabase } from '@podium/db/testing';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReplicaRole } from '../../infra/replica/replica-role';
import { UsersRepository } from '../users/users.repository';
import { ENDED_SESSION_KEEP_MS, SessionRetention } from './session-retention';
import { MAX_RETIRED_TOKENS_PER_SESSION, SessionsRepository } from './sessions.repository';

const DAY = 86_400_000;

describe('ended sessions and retired refresh tokens do not pile up (PostgreSQL)', () => {
  let scratch: ScratchDatabase;
  let db: Database;
  let sessions: SessionsRepository;
  let userId: string;

  beforeAll(async () => {
    scratch = await createScratchDatabase();
    db = await openDatabase({ kind: 'postgres', url: scratch.url });
    sessions = new SessionsRepository(db);
    const user = await new UsersRepository(db).create({
      email: 'ada@example.com',
      displayName: 'Ada',
      passwordHash: 'not used here',
    });
    if (typeof user === 'string') throw new Error(`no user: ${user}`);
    userId = user.id;
  });
  afterAll(async () => {
    await db?.close();
    await scratch?.drop();
  });

  let tokens = 0;
  const session = (expiresAt: Date, lastUsedAt = new Date()) =>
    sessions.create({
      userId,
      refreshTokenHash: `hash-${(tokens += 1)}`,
      expiresAt,
      lastUsedAt,
      userAgent: null,
    });
  const retiredOf = (sessionId: string) =>
    db.prisma.retiredRefreshToken.findMany({ where: { sessionId }, orderBy: { retiredAt: 'asc' } });

  it('deletes sessions ended more than a week ago, their retired tokens with them', async () => {
    const now = new Date();
    const longAgo = new Date(now.getTime() - ENDED_SESSION_KEEP_MS - DAY);
    const revokedLongAgo = await session(new Date(now.getTime() + DAY));
    await sessions.revoke(revokedLongAgo.id, longAgo);
    const expiredLongAgo = await session(longAgo);
    const revokedYesterday = await session(new Date(now.getTime() + DAY));
    await sessions.revoke(revokedYesterday.id, new Date(now.getTime() - DAY));
    const live = await session(new Date(now.getTime() + DAY));
    await db.prisma.retiredRefreshToken.create({
      data: { tokenHash: 'retired-1', sessionId: revokedLongAgo.id, retiredAt: longAgo },
    });

    const role = { isCoordinator: true } as ReplicaRole;
    await new SessionRetention(sessions, role, pino({ level: 'silent' })).sweep(now);

    const left = await db.prisma.session.findMany({ where: { userId }, select: { id: true } });
    expect(left.map((s) => s.id).sort()).toEqual([revokedYesterday.id, live.id].sort());
    expect(await retiredOf(revokedLongAgo.id)).toEqual([]);
    expect(left.map((s) => s.id)).not.toContain(expiredLongAgo.id);
  });

  it('keeps only the newest retired tokens of a session however often it refreshes', async () => {
    const start = Date.now();
    const live = await session(new Date(start + DAY));
    let current = `hash-${tokens}`;
    const refreshes = MAX_RETIRED_TOKENS_PER_SESSION + 5;
    for (let i = 1; i <= refreshes; i++) {
      const next = `${live.id}-${i}`;
      const rotated = await sessions.rotate(live.id, {
        fromHash: current,
        toHash: next,
        expiresAt: new Date(start + DAY),
        at: new Date(start + i),
      });
      expect(rotated).toBe(true);
      current = next;
    }
    const kept = await retiredOf(live.id);
    expect(kept).toHaveLength(MAX_RETIRED_TOKENS_PER_SESSION);
    // The oldest went: the first kept was retired by the sixth refresh.
    expect(kept[0]?.tokenHash).toBe(`${live.id}-5`);
  });
});

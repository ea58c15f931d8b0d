import { randomBytes } from 'node:crypto';
import type { Database } from '@podium/db';
import { beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_BACKENDS, useDatabase } from '../../../test/support/database-backends';
import { SessionsRepository } from './sessions.repository';

const MINUTE = 60_000;

// A user's own sessions, as their list and their password change read and end them.
describe.each(DATABASE_BACKENDS)("a user's sessions on %s", (_name, makeDatabase) => {
  const database = useDatabase(makeDatabase);
  let db: Database;
  let sessions: SessionsRepository;
  const now = new Date();

  beforeAll(() => {
    db = database();
    sessions = new SessionsRepository(db);
  });

  async function newUser(): Promise<string> {
    const email = `user-${randomBytes(4).toString('hex')}@example.com`;
    const user = await db.prisma.user.create({
      data: { email, displayName: 'User', passwordHash: 'not a hash' },
    });
    return user.id;
  }

  /** A session last used `minutesAgo`, ending in `endsInMinutes` (negative: expired). */
  function newSession(userId: string, minutesAgo: number, endsInMinutes = 60) {
    return sessions.create({
      userId,
      refreshTokenHash: randomBytes(32).toString('hex'),
      expiresAt: new Date(now.getTime() + endsInMinutes * MINUTE),
      lastUsedAt: new Date(now.getTime() - minutesAgo * MINUTE),
      userAgent: `agent ${minutesAgo}`,
    });
  }

  it('lists only the live sessions of the user, most recently used first', async () => {
    const userId = await newUser();
    const older = await newSession(userId, 30);
    const newer = await newSession(userId, 1);
    await newSession(userId, 5, -1); // expired
    const revoked = await newSession(userId, 2);
    await sessions.revoke(revoked.id, now);
    await newSession(await newUser(), 0); // someone else's

    const listed = await sessions.findLiveOfUser(userId, now);
    expect(listed.map((s) => s.id)).toEqual([newer.id, older.id]);
  });

  it("ends one of the user's live sessions, and nobody else's", async () => {
    const userId = await newUser();
    const mine = await newSession(userId, 1);
    const theirs = await newSession(await newUser(), 1);
    const expired = await newSession(userId, 1, -1);

    await expect(sessions.revokeOfUser(theirs.id, userId, now)).resolves.toBe(false);
    await expect(sessions.revokeOfUser(expired.id, userId, now)).resolves.toBe(false);
    await expect(sessions.revokeOfUser(mine.id, userId, now)).resolves.toBe(true);
    await expect(sessions.revokeOfUser(mine.id, userId, now)).resolves.toBe(false);
    expect((await sessions.findOneById(theirs.id))?.revokedAt).toBeNull();
    expect((await sessions.findOneById(mine.id))?.revokedAt).toEqual(now);
  });

  it("locks only a live session of the user's own", async () => {
    const userId = await newUser();
    const live = await newSession(userId, 1);
    const expired = await newSession(userId, 1, -1);
    const revoked = await newSession(userId, 1);
    await sessions.revoke(revoked.id, now);
    await expect(sessions.lockLiveOfUser(live.id, userId, now)).resolves.toBe(true);
    await expect(sessions.lockLiveOfUser(live.id, await newUser(), now)).resolves.toBe(false);
    await expect(sessions.lockLiveOfUser(expired.id, userId, now)).resolves.toBe(false);
    await expect(sessions.lockLiveOfUser(revoked.id, userId, now)).resolves.toBe(false);
  });

  it('ends every other live session of the user and names them', async () => {
    const userId = await newUser();
    const kept = await newSession(userId, 0);
    const others = [await newSession(userId, 1), await newSession(userId, 2)];
    const ended = await newSession(userId, 3);
    await sessions.revoke(ended.id, new Date(now.getTime() - MINUTE));
    const theirs = await newSession(await newUser(), 1);

    const revoked = await sessions.revokeOthersOfUser(userId, kept.id, now);
    expect(revoked.sort()).toEqual(others.map((s) => s.id).sort());
    expect((await sessions.findLiveOfUser(userId, now)).map((s) => s.id)).toEqual([kept.id]);
    expect((await sessions.findOneById(theirs.id))?.revokedAt).toBeNull();
    await expect(sessions.revokeOthersOfUser(userId, kept.id, now)).resolves.toEqual([]);
  });
});

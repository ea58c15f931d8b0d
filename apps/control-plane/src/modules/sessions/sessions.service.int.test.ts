import { Writable } from 'node:stream';
import { openDatabase, type Database } from '@podium/db';
import { createScratchDatabase, type ScratchDatabase } from '@podium/db/testing';
import { AppError } from '@podium/protocol';
import pino from 'pino';
import { loadConfig } from '../../config/config';
import { Transactions, transactionAware } from '../../infra/database/transactions';
import { EventBus } from '../../infra/events/event-bus';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { InMemoryAuthAttemptLimiter } from '../accounts/in-memory-auth-attempt-limiter';
import { AuditRepository } from '../audit/audit.repository';
import { AuditService } from '../audit/audit.service';
import { OrganizationsRepository } from '../organizations/organizations.repository';
import { OrganizationsService } from '../organizations/organizations.service';
import { PasswordHasher } from '../users/password-hasher';
import { UsersRepository } from '../users/users.repository';
import { UsersService } from '../users/users.service';
import { AccessTokens } from './access-tokens';
import { CsrfTokens } from './csrf-tokens';
import { deriveSessionKeys } from './session-keys';
import { REFRESH_REUSE_GRACE_MS, SessionsService } from './sessions.service';
import { SessionsRepository } from './sessions.repository';

const CLIENT = { ip: '192.0.2.1', userAgent: 'test' };
const SECOND = 1_000;

describe('SessionsService refresh-token reuse (PostgreSQL)', () => {
  let scratch: ScratchDatabase;
  let db: Database;
  let service: SessionsService;
  let users: UsersRepository;
  let hasher: PasswordHasher;
  const logs: string[] = [];

  beforeAll(async () => {
    scratch = await createScratchDatabase();
    db = await openDatabase({ kind: 'postgres', url: scratch.url });
    users = new UsersRepository(db);
    hasher = new PasswordHasher();
    const keys = deriveSessionKeys('test-session-secret-that-is-long-enough');
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logs.push(chunk.toString());
        done();
      },
    });
    const transactions = new Transactions(transactionAware(db), pino(sink));
    const events = new EventBus(transactions);
    const organizations = new OrganizationsService(
      new OrganizationsRepository(db),
      new AuditService(new AuditRepository(db), transactions, pino(sink)),
      transactions,
      events,
      loadConfig({}),
    );
    service = new SessionsService(
      new SessionsRepository(db),
      new UsersService(users, hasher, organizations),
      new InMemoryAuthAttemptLimiter(),
      new AccessTokens(keys),
      new CsrfTokens(keys),
      events,
      pino(sink),
    );
  });
  afterAll(async () => {
    await db?.close();
    await scratch?.drop();
  });

  /**
   * A session signed in at `start` (now: its row's creation time is the database's clock),
   * and its refresh credentials as the browser holds them.
   */
  async function signedIn(start: Date) {
    const email = `user-${Math.random().toString(36).slice(2)}@example.com`;
    const password = 'a very long password';
    await users.create({ email, displayName: 'Ada', passwordHash: await hasher.hash(password) });
    const issued = await service.signIn({ email, password }, CLIENT, start);
    const credentials = (refreshToken: string) => ({
      refreshToken,
      csrfHeader: issued.csrfToken,
      csrfCookie: issued.csrfToken,
    });
    return { issued, credentials };
  }

  const refused = (attempt: Promise<unknown>) =>
    expect(attempt).rejects.toSatisfy(
      (error) => AppError.is(error) && error.code === 'UNAUTHENTICATED',
    );

  it('ends the session when a rotated-out refresh token comes back after the grace', async () => {
    const start = new Date();
    const { issued, credentials } = await signedIn(start);
    const rotated = await service.refresh(credentials(issued.refreshToken), start);

    const later = new Date(start.getTime() + REFRESH_REUSE_GRACE_MS + SECOND);
    await refused(service.refresh(credentials(issued.refreshToken), later));
    // Both holders are out: the legitimate, current token no longer works either.
    await refused(service.refresh(credentials(rotated.refreshToken), later));
    await expect(service.resolveAccessToken(rotated.accessToken, later)).resolves.toBeNull();

    const warning = logs.find((line) => line.includes('session revoked'));
    expect(warning).toContain(issued.sessionId);
    expect(JSON.parse(warning!)).toMatchObject({ level: 40, sessionId: issued.sessionId });
    for (const token of [issued.refreshToken, rotated.refreshToken]) {
      expect(logs.join('')).not.toContain(token);
    }
  });

  it('keeps the session when two tabs refresh with the same token at once', async () => {
    const start = new Date();
    const { issued, credentials } = await signedIn(start);
    const outcomes = await Promise.allSettled([
      service.refresh(credentials(issued.refreshToken), start),
      service.refresh(credentials(issued.refreshToken), start),
    ]);
    const winners = outcomes.filter((o) => o.status === 'fulfilled');
    expect(winners).toHaveLength(1);
    // A late tab, still within the grace, is told no, and nothing more happens.
    const soon = new Date(start.getTime() + REFRESH_REUSE_GRACE_MS - SECOND);
    await refused(service.refresh(credentials(issued.refreshToken), soon));

    const [winner] = winners.map((o) => (o.status === 'fulfilled' ? o.value : null));
    await expect(service.resolveAccessToken(winner!.accessToken, soon)).resolves.not.toBeNull();
    await expect(service.refresh(credentials(winner!.refreshToken), soon)).resolves.toMatchObject({
      sessionId: issued.sessionId,
    });
  });

  it('ends no other session for a password change whose own session ended meanwhile', async () => {
    const start = new Date();
    const { issued } = await signedIn(start);
    const email = issued.user.email;
    const other = await service.signIn({ email, password: 'a very long password' }, CLIENT, start);
    await service.endOfUser(issued.user.id, issued.sessionId, start);

    await refused(service.endOthersOfUser(issued.user.id, issued.sessionId, start));
    await expect(service.isSessionLive(other.sessionId, issued.user.id, start)).resolves.toBe(true);
  });

  it('keeps a password changed while a sign-in re-hashed the old one', async () => {
    const email = `user-${Math.random().toString(36).slice(2)}@example.com`;
    const weak = new PasswordHasher({ ln: 10, r: 8, p: 1 });
    const user = await users.create({
      email,
      displayName: 'Ada',
      passwordHash: await weak.hash('the old long password'),
    });
    if (typeof user === 'string') throw new Error(user);
    const newHash = await hasher.hash('the new long password');
    // The change lands after the sign-in checked the old (weakly hashed) password, while it
    // hashes it again with today's parameters.
    const rehash = hasher.hash.bind(hasher);
    const spy = vi.spyOn(hasher, 'hash').mockImplementationOnce(async (password) => {
      await users.updatePasswordHash(user.id, newHash);
      return rehash(password);
    });
    try {
      await service.signIn({ email, password: 'the old long password' }, CLIENT);
    } finally {
      spy.mockRestore();
    }

    const stored = await users.findOneCredentialsByEmail(email);
    expect(stored?.passwordHash).toBe(newHash);
  });
});

import type { Database } from '@podium/db';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { DATABASE } from '../../src/infra/database/database.tokens';
import { ApiKeysService } from '../../src/modules/api-keys/api-keys.service';
import { LiveAccessWatch } from '../../src/modules/live/live-access-watch';
import { LiveStreams } from '../../src/modules/live/live-streams';
import { LiveService } from '../../src/modules/live/live.service';
import { factories } from '../factories';
import { openSse } from './sse-client';
import { usePostgresControlPlane, type RunningControlPlane } from './start';
import { TestBrowser, signUpAndIn } from './test-browser';
import { DEFAULT_WAIT_TIMEOUT_MS, waitUntil } from './wait-until';

/** A live stream lasts as long as its caller may read the application, not its first request. */
describe('live streams end with their authority (PostgreSQL)', () => {
  let server: RunningControlPlane;
  let f: ReturnType<typeof factories>;
  let org: { id: string; name: string };
  let app: { id: string; name: string };

  /** Streams the server holds open for an API key. */
  const heldBy = (apiKeyId: string) =>
    server.app
      .get(LiveStreams)
      .holders()
      .filter((h) => h.principal.kind === 'api-key' && h.principal.apiKey.id === apiKeyId).length;
  const eventsPath = () => `/v2/orgs/${org.name}/apps/${app.name}/events`;
  const openAs = (headers: Record<string, string>) =>
    openSse(`${server.url}${eventsPath()}`, headers);

  /** A signed-in member of the organization, and a live stream opened with their session. */
  async function memberStream(role: 'VIEWER' | 'ADMIN' = 'VIEWER') {
    const browser = new TestBrowser(server.url);
    const account = await signUpAndIn(browser);
    const { userId } = account;
    await f.newMember(org.id, userId, role);
    const sse = await openAs(browser.headersFor(eventsPath()));
    expect(sse.res.status).toBe(200);
    await sse.next('snapshot');
    return { browser, account, userId, sse };
  }

  // Max 3 streams per caller, so the cap is reached in a few requests. The periodic re-check
  // waits longer than any test may (tests call it by hand): only events end streams by
  // themselves, so a missing event fails its test instead of being caught by the timer.
  const stack = usePostgresControlPlane({
    live: { maxStreamsPerCaller: 3, recheckMs: 10 * 60_000 },
  });

  beforeAll(async () => {
    server = stack.server;
    f = factories(server.app);
    org = await f.newOrg();
    app = await f.newApp(org.id);
  });

  it('ends a stream opened with an API key when the key is revoked', async () => {
    const key = await f.newApiKey(org.id, { permissions: ['application.read'] });
    const other = await f.newApiKey(org.id, { permissions: ['application.read'] });
    const doomed = await openAs({ authorization: `Bearer ${key.secret}` });
    const bystander = await openAs({ authorization: `Bearer ${other.secret}` });
    await Promise.all([doomed.next('snapshot'), bystander.next('snapshot')]);

    await server.app.get(ApiKeysService).revokeApiKey(org.id, key.apiKey.id);

    await doomed.ended;
    // Streams are closed synchronously on the event, and a re-check keeps entitled ones.
    await server.app.get(LiveAccessWatch).recheck();
    expect(heldBy(other.apiKey.id)).toBe(1);
    expect(heldBy(key.apiKey.id)).toBe(0);
    bystander.close();
  });

  it('ends a stream when its session signs out', async () => {
    const { browser, sse } = await memberStream();
    expect((await browser.delete('/v2/sessions/current')).status).toBe(204);
    await sse.ended;
  });

  it('ends a stream when the user ends its session from another one', async () => {
    const { browser, account, sse } = await memberStream();
    const sessionId = (
      (await browser.get('/v2/users/me/sessions')).body as Array<{ id: string }>
    )[0]!.id;
    const other = new TestBrowser(server.url);
    expect((await other.post('/v2/sessions', account)).status).toBe(201);
    expect((await other.delete(`/v2/users/me/sessions/${sessionId}`)).status).toBe(204);
    await sse.ended;
  });

  it('ends the streams of the user’s other sessions when the password changes', async () => {
    const { account, sse } = await memberStream();
    const other = new TestBrowser(server.url);
    expect((await other.post('/v2/sessions', account)).status).toBe(201);
    const own = await openAs(other.headersFor(eventsPath()));
    await own.next('snapshot');
    const changed = await other.put('/v2/users/me/password', {
      currentPassword: account.password,
      newPassword: 'a brand new password',
    });
    expect(changed.status).toBe(204);
    await sse.ended;
    // The session that changed it stays, and so does its stream.
    await server.app.get(LiveAccessWatch).recheck();
    const ownId = ((await other.get('/v2/users/me/sessions')).body as Array<{ id: string }>)[0]!.id;
    const streamsOfOwn = server.app
      .get(LiveStreams)
      .holders()
      .filter((h) => h.principal.kind === 'user' && h.principal.sessionId === ownId);
    expect(streamsOfOwn).toHaveLength(1);
    own.close();
  });

  it('ends a removed member’s stream', async () => {
    const owner = new TestBrowser(server.url);
    const { userId: ownerId } = await signUpAndIn(owner);
    await f.newMember(org.id, ownerId, 'OWNER');
    const { userId, sse } = await memberStream();
    expect((await owner.delete(`/v2/orgs/${org.name}/members/${userId}`)).status).toBe(200);
    await sse.ended;
  });

  it('ends, at the next re-check, a stream whose access ended without an event', async () => {
    const { userId, sse } = await memberStream();
    // Straight in the database: no service announced it.
    await server.app.get<Database>(DATABASE).prisma.membership.delete({
      where: { organizationId_userId: { organizationId: org.id, userId } },
    });
    await server.app.get(LiveAccessWatch).recheck();
    await sse.ended;
  });

  it('refuses a caller more streams than the cap with 429 and Retry-After', async () => {
    const key = await f.newApiKey(org.id, { permissions: ['application.read'] });
    const headers = { authorization: `Bearer ${key.secret}` };
    const open = await Promise.all([openAs(headers), openAs(headers), openAs(headers)]);
    const sessions = vi.spyOn(server.app.get(LiveService), 'open');
    const refused = await openAs(headers);
    expect(refused.res.status).toBe(429);
    // Refused before anything else is done for it (a session reads every executor).
    expect(sessions).not.toHaveBeenCalled();
    sessions.mockRestore();
    expect(refused.res.headers.get('retry-after')).toBe('5');
    expect(await refused.res.json()).toMatchObject({ code: 'RATE_LIMITED' });
    // Closing one makes room again, once the server has seen the client leave.
    open[0]?.close();
    await waitUntil(
      () => heldBy(key.apiKey.id) === 2,
      DEFAULT_WAIT_TIMEOUT_MS,
      'the closed stream forgotten',
    );
    const again = await openAs(headers);
    expect(again.res.status).toBe(200);
    for (const sse of [...open, again]) sse.close();
  });
});

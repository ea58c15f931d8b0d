import { ListSessionsResponseSchema } from '@podium/protocol';
import { describe, expect, it } from 'vitest';
import { factories } from '../factories';
import { usePostgresControlPlane } from './start';
import { TestBrowser, assertProblem, bodyOf, signUpAndIn } from './test-browser';

/** A user's own sessions, and their password: what a stolen laptop or a leaked password needs. */
describe('sessions and password of the signed-in user (PostgreSQL)', () => {
  const stack = usePostgresControlPlane();
  const browser = (userAgent?: string) => new SignedBrowser(stack.server.url, userAgent);

  /** A TestBrowser that names its user agent, as a real browser does. */
  class SignedBrowser extends TestBrowser {
    constructor(
      baseUrl: string,
      private readonly userAgent = 'test-browser',
    ) {
      super(baseUrl);
    }
    override request(...[method, path, options = {}]: Parameters<TestBrowser['request']>) {
      return super.request(method, path, {
        ...options,
        headers: { 'user-agent': this.userAgent, ...options.headers },
      });
    }
  }

  /** A second browser signed in to the same account. */
  async function signInAgain(account: { email: string; password: string }, userAgent?: string) {
    const b = browser(userAgent);
    expect((await b.post('/v2/sessions', account)).status).toBe(201);
    return b;
  }

  const sessionsOf = async (b: TestBrowser) =>
    bodyOf(await b.get('/v2/users/me/sessions'), ListSessionsResponseSchema);
  const isSignedIn = async (b: TestBrowser) => (await b.get('/v2/users/me')).status === 200;

  it('lists the live sessions of the user asking, with their browsers, and no tokens', async () => {
    const laptop = browser('Laptop Firefox');
    const account = await signUpAndIn(laptop);
    const phone = await signInAgain(account, 'Phone Safari');
    const ended = await signInAgain(account);
    expect((await ended.delete('/v2/sessions/current')).status).toBe(204);
    await signUpAndIn(browser()); // someone else's session

    const listed = await sessionsOf(laptop);
    // Most recently used first: the phone signed in last; the one signed out is gone.
    expect(listed.map((s) => [s.userAgent, s.current])).toEqual([
      ['Phone Safari', false],
      ['Laptop Firefox', true],
    ]);
    expect((await sessionsOf(phone)).find((s) => s.current)?.userAgent).toBe('Phone Safari');
    const body = JSON.stringify(listed);
    for (const cookie of ['podium_access', 'podium_refresh', 'podium_csrf']) {
      expect(body).not.toContain(laptop.cookie(cookie)!.value);
    }
  });

  it('ends another of the user’s sessions at once; not another user’s', async () => {
    const laptop = browser();
    const account = await signUpAndIn(laptop);
    const stolen = await signInAgain(account);
    const stranger = browser();
    await signUpAndIn(stranger);
    const stolenId = (await sessionsOf(stolen)).find((s) => s.current)!.id;
    const strangerId = (await sessionsOf(stranger)).find((s) => s.current)!.id;

    // Without the CSRF header a cookie-borne request changes nothing.
    assertProblem(
      await laptop.delete(`/v2/users/me/sessions/${stolenId}`, { csrf: false }),
      403,
      'FORBIDDEN',
    );
    expect(await isSignedIn(stolen)).toBe(true);

    assertProblem(await laptop.delete(`/v2/users/me/sessions/${strangerId}`), 404, 'NOT_FOUND');
    expect(await isSignedIn(stranger)).toBe(true);

    expect((await laptop.delete(`/v2/users/me/sessions/${stolenId}`)).status).toBe(204);
    assertProblem(await stolen.get('/v2/users/me'), 401, 'UNAUTHENTICATED');
    assertProblem(await stolen.post('/v2/sessions/refresh'), 401, 'UNAUTHENTICATED');
    expect(await isSignedIn(laptop)).toBe(true);
    expect((await sessionsOf(laptop)).map((s) => s.current)).toEqual([true]);
    // Ended already: nothing to end.
    assertProblem(await laptop.delete(`/v2/users/me/sessions/${stolenId}`), 404, 'NOT_FOUND');
    assertProblem(
      await laptop.delete('/v2/users/me/sessions/not-a-uuid'),
      422,
      'VALIDATION_FAILED',
    );
  });

  it('signs the asking session out when it ends itself by id, clearing its cookies', async () => {
    const laptop = browser();
    await signUpAndIn(laptop);
    const ownId = (await sessionsOf(laptop)).find((s) => s.current)!.id;
    // In capitals: the same session.
    const ended = await laptop.delete(`/v2/users/me/sessions/${ownId.toUpperCase()}`);
    expect(ended.status).toBe(204);
    expect(laptop.cookie('podium_access')).toBeUndefined();
    expect(laptop.cookie('podium_refresh')).toBeUndefined();
    assertProblem(await laptop.get('/v2/users/me'), 401, 'UNAUTHENTICATED');
  });

  it('changes the password given the current one, and signs every other session out', async () => {
    const laptop = browser();
    const account = await signUpAndIn(laptop);
    const phone = await signInAgain(account);
    const bystander = browser();
    await signUpAndIn(bystander);
    const change = (currentPassword: string, newPassword: string) =>
      laptop.put('/v2/users/me/password', { currentPassword, newPassword });

    // Refused changes leave everything as it was.
    assertProblem(await change('not the password', 'a new long password'), 403, 'FORBIDDEN');
    assertProblem(await change(account.password, 'short'), 422, 'VALIDATION_FAILED');
    assertProblem(
      await laptop.put(
        '/v2/users/me/password',
        { currentPassword: account.password, newPassword: 'a new long password' },
        { csrf: false },
      ),
      403,
      'FORBIDDEN',
    );
    expect(await isSignedIn(phone)).toBe(true);

    expect((await change(account.password, 'a new long password')).status).toBe(204);
    expect(await isSignedIn(laptop)).toBe(true);
    assertProblem(await phone.get('/v2/users/me'), 401, 'UNAUTHENTICATED');
    expect(await isSignedIn(bystander)).toBe(true);
    const oldPassword = await browser().post('/v2/sessions', account);
    assertProblem(oldPassword, 401, 'UNAUTHENTICATED');
    const signIn = await browser().post('/v2/sessions', {
      email: account.email,
      password: 'a new long password',
    });
    expect(signIn.status).toBe(201);
    // The password never reaches the log.
    expect(stack.server.logs.join('')).not.toContain('a new long password');
  });

  it('limits guesses of the current password as sign-ins are limited', async () => {
    const laptop = browser();
    const account = await signUpAndIn(laptop);
    const guess = () =>
      laptop.put('/v2/users/me/password', {
        currentPassword: 'a wrong guess',
        newPassword: 'a new long password',
      });
    for (let i = 0; i < 5; i++) assertProblem(await guess(), 403, 'FORBIDDEN');
    const refused = await guess();
    assertProblem(refused, 429, 'RATE_LIMITED');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    // The same budget as a sign-in's from this address: the right password waits too.
    const right = await laptop.put('/v2/users/me/password', {
      currentPassword: account.password,
      newPassword: 'a new long password',
    });
    assertProblem(right, 429, 'RATE_LIMITED');
    // One budget, not two of the same size: signing in from this address waits as well (from
    // another address the owner signs in as usual).
    expect((await browser().post('/v2/sessions', account)).status).toBe(201);
    const sameAddress = new TestBrowser(stack.server.url, laptop.ip);
    assertProblem(await sameAddress.post('/v2/sessions', account), 429, 'RATE_LIMITED');
  });

  it('refuses API keys and callers who are not signed in', async () => {
    const f = factories(stack.server.app);
    const org = await f.newOrg();
    const key = await f.newApiKey(org.id);
    const withKey = { cookies: false, headers: { authorization: `Bearer ${key.secret}` } };
    const anonymous = browser();
    const change = { currentPassword: 'x', newPassword: 'a new long password' };
    assertProblem(await anonymous.get('/v2/users/me/sessions'), 401, 'UNAUTHENTICATED');
    assertProblem(await anonymous.put('/v2/users/me/password', change), 401, 'UNAUTHENTICATED');
    assertProblem(await anonymous.get('/v2/users/me/sessions', withKey), 403, 'FORBIDDEN');
    assertProblem(await anonymous.put('/v2/users/me/password', change, withKey), 403, 'FORBIDDEN');
  });
});

import {
  CSRF_COOKIE,
  CurrentUserResponseSchema,
  OrganizationSchema,
  SessionResponseSchema,
  UserSchema,
} from '@podium/protocol';
import { describe, expect, it } from 'vitest';
import { usePostgresControlPlane } from './start';
import { TestBrowser, bodyOf, assertProblem, signUpAndIn } from './test-browser';

describe('accounts and sessions (PostgreSQL)', () => {
  const stack = usePostgresControlPlane();
  const browser = () => new TestBrowser(stack.server.url);

  it('registers a user (and nothing else), signs in, and answers /v2/users/me', async () => {
    const b = browser();
    const registered = await b.post('/v2/users', {
      email: '  Ada@Example.COM ',
      password: 'a very long password',
      displayName: 'Ada',
    });
    const user = bodyOf(registered, UserSchema, 201);
    expect(user).toMatchObject({ email: 'ada@example.com', displayName: 'Ada' });
    expect(JSON.stringify(registered.body)).not.toMatch(/password|scrypt/i);
    expect(b.cookie('podium_access')).toBeUndefined();

    const signedIn = await b.post('/v2/sessions', {
      email: 'ADA@example.com',
      password: 'a very long password',
    });
    const session = bodyOf(signedIn, SessionResponseSchema, 201);
    expect(session.user.id).toBe(user.id);
    expect(session.csrfToken).toBe(b.cookie(CSRF_COOKIE)?.value);
    // The tokens travel only in cookies, never in a body.
    expect(JSON.stringify(signedIn.body)).not.toContain(b.cookie('podium_access')?.value);
    expect(JSON.stringify(signedIn.body)).not.toContain(b.cookie('podium_refresh')?.value);

    const me = bodyOf(await b.get('/v2/users/me'), CurrentUserResponseSchema);
    expect(me).toMatchObject({ user, organizations: [] });
    // DBOS's profile fields beside Podium's; no organization yet, so none is named. No user name
    // was given: `name` is the id, as the member paths take it (not the display name, 'Ada').
    expect(me).toMatchObject({
      name: user.id,
      email: user.email,
      orgId: '',
      orgName: '',
      createdAt: user.createdAt,
    });

    // Neither the password nor a token reaches the log.
    const logs = stack.server.logs.join('');
    for (const secret of [
      'a very long password',
      b.cookie('podium_access')!.value,
      b.cookie('podium_refresh')!.value,
    ]) {
      expect(logs).not.toContain(secret);
    }
  });

  it('sets HttpOnly SameSite=Lax cookies; the refresh cookie only on the session path', async () => {
    const b = browser();
    await signUpAndIn(b);
    const access = b.cookie('podium_access')!;
    const refresh = b.cookie('podium_refresh')!;
    const csrf = b.cookie(CSRF_COOKIE)!;
    expect(access.attributes).toEqual(expect.arrayContaining(['HttpOnly', 'SameSite=Lax']));
    expect(access.attributes).toContain('Max-Age=900');
    expect(refresh.attributes).toEqual(expect.arrayContaining(['HttpOnly', 'SameSite=Lax']));
    expect(refresh.path).toBe('/v2/sessions');
    expect(csrf.attributes).not.toContain('HttpOnly');
    expect([access, refresh, csrf].some((c) => c.attributes.includes('Secure'))).toBe(false);

    // Behind the console's /api proxy the refresh cookie follows the forwarded prefix.
    const proxied = browser();
    const { email, password } = await signUpAndIn(browser());
    await proxied.post(
      '/v2/sessions',
      { email, password },
      {
        headers: { 'x-forwarded-prefix': '/api' },
      },
    );
    expect(proxied.cookie('podium_refresh')?.path).toBe('/api/v2/sessions');
  });

  it('refuses a wrong password and an unknown email with the same answer', async () => {
    const { email } = await signUpAndIn(browser());
    const wrong = assertProblem(
      await browser().post('/v2/sessions', { email, password: 'not the password' }),
      401,
      'UNAUTHENTICATED',
    );
    const unknown = assertProblem(
      await browser().post('/v2/sessions', {
        email: 'nobody@example.com',
        password: 'not the password',
      }),
      401,
      'UNAUTHENTICATED',
    );
    expect(unknown.detail).toBe(wrong.detail);
  });

  it('refuses a second account with the same email (any case) as a CONFLICT', async () => {
    const { email } = await signUpAndIn(browser());
    const again = await browser().post('/v2/users', {
      email: email.toUpperCase(),
      password: 'another long password',
      displayName: 'Copy',
    });
    assertProblem(again, 409, 'CONFLICT');
  });

  it('lists every validation problem at once', async () => {
    const res = await browser().post('/v2/users', { email: 'not-an-email', password: 'hunter2' });
    const problem = assertProblem(res, 422, 'VALIDATION_FAILED');
    expect(problem.errors?.map((e) => e.path).sort()).toEqual(['displayName', 'email', 'password']);
    expect(problem.errors?.find((e) => e.path === 'password')?.message).toMatch(/12/);
    // What was typed is repeated where it helps, never for a password.
    expect(problem.errors?.find((e) => e.path === 'email')?.value).toBe('not-an-email');
    expect(JSON.stringify(res.body)).not.toContain('hunter2');
    // Nor when the issue is at the root: the body repeated without its password.
    const root = await browser().post('/v2/sessions', ['not', { password: 'hunter3' }]);
    expect(JSON.stringify(root.body)).not.toContain('hunter3');
  });

  it('refreshes by rotating the refresh token; the old one is then refused', async () => {
    const b = browser();
    await signUpAndIn(b);
    const oldRefresh = b.cookie('podium_refresh')!.value;
    const refreshed = bodyOf(await b.post('/v2/sessions/refresh'), SessionResponseSchema);
    expect(b.cookie('podium_refresh')!.value).not.toBe(oldRefresh);
    expect(refreshed.csrfToken).toBe(b.cookie(CSRF_COOKIE)?.value);
    expect((await b.get('/v2/users/me')).status).toBe(200);

    const thief = browser();
    thief.setCookie('podium_refresh', oldRefresh, '/v2/sessions');
    thief.setCookie(CSRF_COOKIE, refreshed.csrfToken);
    assertProblem(await thief.post('/v2/sessions/refresh'), 401, 'UNAUTHENTICATED');
    // Moments after its rotation, a replay looks like a second tab: the session lives on.
    expect((await b.get('/v2/users/me')).status).toBe(200);
    bodyOf(await b.post('/v2/sessions/refresh'), SessionResponseSchema);
  });

  it('refuses a refresh without the CSRF header', async () => {
    const b = browser();
    await signUpAndIn(b);
    assertProblem(
      await b.post('/v2/sessions/refresh', undefined, { csrf: false }),
      403,
      'FORBIDDEN',
    );
  });

  it('logs out for real: the old access cookie and refresh token stop working at once', async () => {
    const b = browser();
    await signUpAndIn(b);
    const access = b.cookie('podium_access')!.value;
    const refresh = b.cookie('podium_refresh')!.value;
    const csrf = b.cookie(CSRF_COOKIE)!.value;
    const out = await b.delete('/v2/sessions/current');
    expect(out.status).toBe(204);
    expect(b.cookie('podium_access')).toBeUndefined();

    const replay = browser();
    replay.setCookie('podium_access', access);
    replay.setCookie('podium_refresh', refresh, '/v2/sessions');
    replay.setCookie(CSRF_COOKIE, csrf);
    assertProblem(await replay.get('/v2/users/me'), 401, 'UNAUTHENTICATED');
    assertProblem(await replay.post('/v2/sessions/refresh'), 401, 'UNAUTHENTICATED');
  });

  it('needs the CSRF header on state-changing cookie requests, not on reads', async () => {
    const b = browser();
    await signUpAndIn(b);
    const name = `csrf-${Date.now().toString(36)}`;
    const missing = assertProblem(
      await b.post('/v2/orgs', { name }, { csrf: false }),
      403,
      'FORBIDDEN',
    );
    expect(missing.detail).toContain('X-CSRF-Token');
    assertProblem(
      await b.post('/v2/orgs', { name }, { headers: { 'X-CSRF-Token': 'forged' } }),
      403,
      'FORBIDDEN',
    );
    expect((await b.get('/v2/orgs', { csrf: false })).status).toBe(200);
    bodyOf(await b.post('/v2/orgs', { name }), OrganizationSchema, 201);
  });

  it('answers UNAUTHENTICATED without any credentials', async () => {
    assertProblem(await browser().get('/v2/users/me'), 401, 'UNAUTHENTICATED');
    assertProblem(await browser().get('/v2/orgs'), 401, 'UNAUTHENTICATED');
  });

  it('delays guessing from one address without locking the owner out elsewhere', async () => {
    const { email, password } = await signUpAndIn(browser());
    const attacker = browser();
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 12; attempt++) {
      statuses.push(
        (await attacker.post('/v2/sessions', { email, password: 'wrong password!' })).status,
      );
    }
    // A few free failures, then the attacker's address waits (429 with Retry-After)...
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual(Array(7).fill(429));
    const limited = await attacker.post('/v2/sessions', { email, password });
    const problem = assertProblem(limited, 429, 'RATE_LIMITED');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(problem.retryAfterSeconds).toBe(Number(limited.headers.get('retry-after')));
    // ...while the owner, from another address, signs in at once.
    bodyOf(await browser().post('/v2/sessions', { email, password }), SessionResponseSchema, 201);
  });
});

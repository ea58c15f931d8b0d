import { randomBytes } from 'node:crypto';
import {
  CreateJoinSecretResponseSchema,
  CurrentUserResponseSchema,
  ListJoinSecretsResponseSchema,
  OrganizationSchema,
  SessionResponseSchema,
  UserSchema,
} from '@podium/protocol';
import { describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/config';
import { usePostgresControlPlane } from './start';
import { TestBrowser, bodyOf, assertProblem, signUpAndIn } from './test-browser';

interface Account {
  email: string;
  password: string;
  displayName: string;
  secret?: string;
}

const newAccount = (joinSecret?: string): Account => ({
  email: `user-${randomBytes(4).toString('hex')}@example.com`,
  password: 'a very long password',
  displayName: 'Newcomer',
  ...(joinSecret && { secret: joinSecret }),
});

/** A control plane on a fresh database (the first-account rule needs an empty one). */
function onFreshControlPlane(signUp: Config['accounts']['signUp']) {
  const state = usePostgresControlPlane({ accounts: { signUp } });
  return {
    browser: () => new TestBrowser(state.server.url),
    /** Signs the account in (in a new browser) and reads /v2/users/me. */
    profileOf: async (account: Account) => {
      const b = new TestBrowser(state.server.url);
      const { email, password } = account;
      bodyOf(await b.post('/v2/sessions', { email, password }), SessionResponseSchema, 201);
      return bodyOf(await b.get('/v2/users/me'), CurrentUserResponseSchema);
    },
  };
}

/** A new organization of the signed-in `owner`, and a join secret of it. */
async function invitation(owner: TestBrowser, maxUses = 1) {
  const name = `team-${randomBytes(4).toString('hex')}`;
  const org = bodyOf(await owner.post('/v2/orgs', { name }), OrganizationSchema, 201);
  const created = await owner.post(`/v2/orgs/${name}/join-secrets`, { role: 'OPERATOR', maxUses });
  return { org, secret: bodyOf(created, CreateJoinSecretResponseSchema, 201) };
}

async function usesOf(owner: TestBrowser, org: string, id: string) {
  const listed = await owner.get(`/v2/orgs/${org}/join-secrets`);
  return bodyOf(listed, ListJoinSecretsResponseSchema).find((s) => s.id === id)?.uses;
}

describe('sign-up by invitation (PODIUM_SIGNUP=invite, PostgreSQL)', () => {
  const { browser, profileOf } = onFreshControlPlane('invite');
  let owner: TestBrowser;

  it('lets exactly one account in without an invitation: the installation’s first', async () => {
    const accounts = [newAccount(), newAccount()];
    const results = await Promise.all(accounts.map((a) => browser().post('/v2/users', a)));
    expect(results.map((r) => r.status).sort()).toEqual([201, 403]);
    const refused = assertProblem(
      results.find((r) => r.status === 403)!,
      403,
      'FORBIDDEN',
    );
    expect(refused.detail).toMatch(/by invitation/);
    assertProblem(await browser().post('/v2/users', newAccount()), 403, 'FORBIDDEN');

    const first = accounts[results.findIndex((r) => r.status === 201)]!;
    owner = browser();
    bodyOf(await owner.post('/v2/sessions', first), SessionResponseSchema, 201);
  });

  it('signs a newcomer up with a join secret: a member with its role, the use counted', async () => {
    const { org, secret } = await invitation(owner, 2);
    const newcomer = newAccount(secret.secret);
    bodyOf(await browser().post('/v2/users', newcomer), UserSchema, 201);
    expect((await profileOf(newcomer)).organizations).toEqual([
      expect.objectContaining({ id: org.id, role: 'OPERATOR' }),
    ]);
    expect(await usesOf(owner, org.name, secret.id)).toBe(1);

    // A taken email is refused with the invitation untouched (one transaction).
    const copy = { ...newAccount(secret.secret), email: newcomer.email };
    assertProblem(await browser().post('/v2/users', copy), 409, 'CONFLICT');
    expect(await usesOf(owner, org.name, secret.id)).toBe(1);
  });

  it('refuses a used-up or made-up invitation, and makes no account', async () => {
    const { secret } = await invitation(owner, 1);
    bodyOf(await browser().post('/v2/users', newAccount(secret.secret)), UserSchema, 201);
    const late = newAccount(secret.secret);
    const refused = assertProblem(await browser().post('/v2/users', late), 403, 'FORBIDDEN');
    expect(refused.detail).toMatch(/used up/);
    assertProblem(await browser().post('/v2/sessions', late), 401, 'UNAUTHENTICATED');
    const guess = newAccount(`pjs_0123abcd_${'x'.repeat(43)}`);
    assertProblem(await browser().post('/v2/users', guess), 403, 'FORBIDDEN');
  });
});

describe('open sign-up (the default, PostgreSQL)', () => {
  const { browser, profileOf } = onFreshControlPlane('open');

  it('lets anyone sign up, and an invitation given on the way makes them a member', async () => {
    const owner = browser();
    await signUpAndIn(owner);
    const { org, secret } = await invitation(owner);
    const invited = newAccount(secret.secret);
    bodyOf(await browser().post('/v2/users', invited), UserSchema, 201);
    expect((await profileOf(invited)).organizations).toEqual([
      expect.objectContaining({ id: org.id, role: 'OPERATOR' }),
    ]);
    // An invitation that cannot be used is an error, not silently dropped.
    const late = newAccount(secret.secret);
    assertProblem(await browser().post('/v2/users', late), 403, 'FORBIDDEN');
    bodyOf(await browser().post('/v2/users', { ...late, secret: undefined }), UserSchema, 201);
  });

  it("takes DBOS Conductor's user name and profile, the name unique and well-formed", async () => {
    const profile = { name: 'ada_l', givenName: 'Ada', familyName: 'Lovelace', company: 'Engines' };
    const created = bodyOf(
      await browser().post('/v2/users', { ...newAccount(), ...profile }),
      UserSchema,
      201,
    );
    expect(created).toMatchObject(profile);
    assertProblem(
      await browser().post('/v2/users', { ...newAccount(), name: 'ada_l' }),
      409,
      'CONFLICT',
    );
    const invalid = assertProblem(
      await browser().post('/v2/users', { ...newAccount(), name: 'Ada L' }),
      422,
      'VALIDATION_FAILED',
    );
    expect(invalid.errors?.map((e) => e.path)).toEqual(['name']);
  });
});

// Domain claims on the members page: an owner claims an email domain, a new user signing up
// there joins the organization as an operator, another organization cannot claim it too, the
// owner removes the claim, and a viewer sees no claims at all (sign-up emails verified upstream);
// by default a claim shows as pending, with why. All real: the built control plane on a scratch
// PostgreSQL database, the console's server, Chromium, axe after each step.
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  confirm,
  createOrganization,
  signOut,
  signUp,
  submitSignIn,
  text,
  type Account,
} from './support/console-actions';
import { useConsoleSession } from './support/console-session';

const domain = `example-${randomUUID().slice(0, 8)}.test`;
const owner: Account = {
  name: 'Cleo Claims',
  email: 'cleo@owners.test',
  password: 'domains bring members',
};
const newcomer: Account = {
  name: 'Nico Newcomer',
  email: `nico@${domain}`,
  password: 'my domain is claimed',
};
const viewer: Account = {
  name: 'Vi Viewer',
  email: 'vi@viewers.test',
  password: 'i only look around',
};

describe('domain claims on the members page', () => {
  // Sign-up emails verified upstream, so claims admit (by default they stay pending).
  const session = useConsoleSession({ controlPlaneEnv: { PODIUM_TRUST_SIGN_UP_EMAILS: 'true' } });
  let page: Page;
  let consoleUrl: string;
  let pageErrors: string[] = [];

  const membersPage = (org = 'claims-co') => page.goto(`${consoleUrl}/orgs/${org}/members`);
  const claimForm = () => page.getByRole('form', { name: 'Claim a domain' });
  const claimRow = () =>
    page.getByTestId('domain-claim-row').and(page.locator(`[data-domain="${domain}"]`));
  const claim = async (value: string) => {
    await claimForm().getByLabel('Domain').fill(value);
    await claimForm().getByRole('button', { name: 'Claim domain' }).click();
  };

  beforeAll(() => {
    ({ page, consoleUrl, pageErrors } = session());
  });

  it('refuses what is not a domain without asking the server, then claims one', async () => {
    await signUp(page, consoleUrl, owner);
    await createOrganization(page, consoleUrl, 'claims-co');
    await membersPage();
    const panel = page.getByTestId('domain-claims');
    await expect(text(panel)).resolves.toContain('joins this organization as Operator');
    await panel.getByText('No domain is claimed.').waitFor();

    const posted: string[] = [];
    page.on('request', (req) => {
      if (req.method() === 'POST' && req.url().endsWith('/domain-claims')) posted.push(req.url());
    });
    await claim('localhost');
    await expect(text(page.getByTestId('claim-domain-problem'))).resolves.toContain(
      'must be an email domain such as example.com',
    );
    expect(posted).toEqual([]);

    await claim(domain.toUpperCase());
    await claimRow().waitFor();
    await expect(text(claimRow())).resolves.toContain('approved');
    await expect(claimForm().getByLabel('Domain').inputValue()).resolves.toBe('');
    expect(posted).toHaveLength(1);
  });

  it("shows the control plane's problem when another organization claims the domain", async () => {
    await page.goto(`${consoleUrl}/`);
    await createOrganization(page, consoleUrl, 'rival-co');
    await membersPage('rival-co');
    await page.getByTestId('domain-claims').getByText('No domain is claimed.').waitFor();
    await claim(domain);
    await expect(text(page.getByTestId('claim-domain-problem'))).resolves.toContain(
      `The domain "${domain}" is already claimed.`,
    );
    expect(await page.getByTestId('domain-claim-row').count()).toBe(0);
  });

  it('admits a new user with an email at the domain as an operator', async () => {
    await signOut(page);
    await signUp(page, consoleUrl, newcomer);
    const orgs = page.getByTestId('org-list');
    await orgs.getByRole('link', { name: 'claims-co' }).waitFor();
    await expect(text(orgs)).resolves.toContain('claims-coOperator');
    await signOut(page);

    await submitSignIn(page, owner.email, owner.password);
    await page.waitForURL(`${consoleUrl}/`);
    await membersPage();
    const row = page
      .getByTestId('member-row')
      .and(page.locator(`[data-email="${newcomer.email}"]`));
    await expect(row.getByLabel(`Role of ${newcomer.name}`).inputValue()).resolves.toBe('OPERATOR');
  });

  it('removes the claim after a confirmation, focus back on the opener when cancelled', async () => {
    const remove = claimRow().getByRole('button', { name: `Remove claim ${domain}` });
    await remove.click();
    const dialog = page.getByRole('dialog', { name: `Remove the claim on “${domain}”?` });
    await dialog.getByRole('button', { name: 'Back' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect(
      page.evaluate(() => document.activeElement?.getAttribute('aria-label')),
    ).resolves.toBe(`Remove claim ${domain}`);

    await remove.click();
    await confirm(page, 'Remove claim');
    await claimRow().waitFor({ state: 'detached' });
    await expect(text(page.getByTestId('domain-claims'))).resolves.toContain(
      'No domain is claimed.',
    );
    // Removing the claim removes nobody.
    await page
      .getByTestId('member-row')
      .and(page.locator(`[data-email="${newcomer.email}"]`))
      .waitFor();
    expect(pageErrors).toEqual([]);
  });

  it('shows a viewer no domain claims and no way to make one', async () => {
    await page.getByLabel('Role', { exact: true }).selectOption('VIEWER');
    await page.getByRole('button', { name: 'Create join link' }).click();
    const link = await text(page.getByTestId('join-link'));
    await signOut(page);
    await signUp(page, consoleUrl, viewer);
    await page.goto(link);
    await page.getByRole('button', { name: 'Join organization' }).click();
    await page.waitForURL(`${consoleUrl}/orgs/claims-co`);

    await membersPage();
    await page.getByTestId('member-row').first().waitFor();
    expect(await page.getByTestId('domain-claims').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Claim domain' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /Remove claim/ }).count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });
});

describe('domain claims where sign-up emails are not verified (the default)', () => {
  const session = useConsoleSession();

  it('shows a claim as pending, with the note saying why it admits nobody', async () => {
    const { page, consoleUrl, pageErrors } = session();
    await signUp(page, consoleUrl, owner);
    await createOrganization(page, consoleUrl, 'pending-co');
    await page.goto(`${consoleUrl}/orgs/pending-co/members`);
    const form = page.getByRole('form', { name: 'Claim a domain' });
    await form.getByLabel('Domain').fill(domain);
    await form.getByRole('button', { name: 'Claim domain' }).click();
    const row = page.getByTestId('domain-claim-row').and(page.locator(`[data-domain="${domain}"]`));
    await row.waitFor();
    await expect(text(row)).resolves.toContain('pending');
    await expect(text(row.getByTestId('domain-claim-note'))).resolves.toContain(
      'PODIUM_TRUST_SIGN_UP_EMAILS',
    );
    expect(pageErrors).toEqual([]);
  });
});

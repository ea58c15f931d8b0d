// Removing an admin revokes the API keys and join links they created (a credential stays valid
// only while its creator could still create it). The members page says which, before it acts,
// so an operator can make replacements first; afterwards the lists show them revoked. A key or
// link, shown once, shows as soon as it is made, its list's reload held meanwhile; a join link
// is revoked only once that is confirmed. All real: the built control plane on a scratch
// PostgreSQL database, the console's server, Chromium.
import type { Page, Request } from 'playwright-core';
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
import { holdReads, type HeldReads } from './support/intercepted-reads';

const owner: Account = {
  name: 'Olivia Owner',
  email: 'olivia@example.test',
  password: 'correct horse battery staple',
};
/** A join link's secret prefix, as its list names it. */
function joinLinkPrefix(link: string): string {
  const prefix = /secret=(pjs_[0-9a-f]{8})_/.exec(link)?.[1];
  if (!prefix) throw new Error(`no join secret in ${link}`);
  return prefix;
}

const KEYS_PATH = '/api/v2/orgs/acme/tokens';
const JOIN_SECRETS_PATH = '/api/v2/orgs/acme/join-secrets';

const admin: Account = {
  name: 'Adam Admin',
  email: 'adam@example.test',
  password: 'another long passphrase',
};

describe('removing an admin revokes what they created, and the console says so first', () => {
  const session = useConsoleSession();
  let page: Page;
  let consoleUrl: string;
  let pageErrors: string[] = [];
  /** What the admin created: their key's prefix and their join link's prefix. */
  let keyPrefix = '';
  let linkPrefix = '';

  /** Creates a join link on the members page (opened unless `onPage`) with `role`; returns it. */
  async function createJoinLink(role: string, { onPage = false } = {}): Promise<string> {
    if (!onPage) await page.goto(`${consoleUrl}/orgs/acme/members`);
    await page.getByLabel('Role', { exact: true }).selectOption(role);
    await page.getByRole('button', { name: 'Create join link' }).click();
    return text(page.getByTestId('join-link'));
  }

  /**
   * Opens the page that lists what `path` answers (through `open`), waits for its first answer,
   * then holds the page's next reads of it.
   */
  async function holdReloadOf(path: string, open: () => Promise<unknown>): Promise<HeldReads> {
    const listed = page.waitForResponse(
      (response) =>
        new URL(response.url()).pathname === path && response.request().method() === 'GET',
    );
    await open();
    await listed;
    return holdReads(page, path);
  }

  /** The list's reload was asked for, and held, while the secret showed; lets it through. */
  async function heldAndReleased(list: HeldReads): Promise<void> {
    await expect.poll(() => list.count()).toBeGreaterThan(0);
    await list.release();
  }

  const adminRow = () =>
    page.getByTestId('member-row').and(page.locator(`[data-email="${admin.email}"]`));

  beforeAll(() => {
    ({ page, consoleUrl, pageErrors } = session());
  });

  it('lets an invited admin create an API key and a join link', async () => {
    await signUp(page, consoleUrl, owner);
    await createOrganization(page, consoleUrl, 'acme');
    const adminLink = await createJoinLink('ADMIN');
    await signOut(page);

    await signUp(page, consoleUrl, admin);
    await page.goto(adminLink);
    await page.getByRole('button', { name: 'Join organization' }).click();
    await page.waitForURL(`${consoleUrl}/orgs/acme`);
    await expect(page.getByTestId('org-role').getAttribute('data-role')).resolves.toBe('ADMIN');

    // A secret shown once shows as soon as it exists, not once its list has reloaded.
    let list = await holdReloadOf(KEYS_PATH, () =>
      page.getByRole('link', { name: 'API keys' }).click(),
    );
    await page.getByLabel('Key name').fill('ci deploys');
    await page.getByRole('button', { name: 'Create API key' }).click();
    keyPrefix = (await text(page.getByTestId('api-key-secret'))).slice(0, 12);
    expect(keyPrefix).toMatch(/^pdm_[0-9a-f]{8}$/);
    await heldAndReleased(list);
    await page.getByRole('button', { name: 'I have copied it' }).click();
    await page.getByTestId(`api-key-${keyPrefix}`).waitFor();

    list = await holdReloadOf(JOIN_SECRETS_PATH, () =>
      page.goto(`${consoleUrl}/orgs/acme/members`),
    );
    const viewerLink = await createJoinLink('VIEWER', { onPage: true });
    linkPrefix = joinLinkPrefix(viewerLink);
    await heldAndReleased(list);
    await page.getByTestId(`join-secret-${linkPrefix}`).waitFor();
    await signOut(page);
  });

  it('names the key and the join link a demotion would revoke, and changes nothing on Back', async () => {
    await submitSignIn(page, owner.email, owner.password);
    await page.waitForURL(`${consoleUrl}/`);
    await page.goto(`${consoleUrl}/orgs/acme/members`);
    await adminRow().getByLabel(`Role of ${admin.name}`).selectOption('OPERATOR');
    const dialog = page.getByRole('dialog', { name: `Make ${admin.name} Operator?` });
    const preview = dialog.getByTestId('revocation-preview');
    await expect(text(preview.getByTestId('revoked-api-keys'))).resolves.toBe(
      'API keys of theirs to be revoked (1):',
    );
    await expect(text(preview)).resolves.toContain(`ci deploys ${keyPrefix}…`);
    await expect(text(preview)).resolves.toContain(`${linkPrefix}… (Viewer)`);
    await dialog.getByRole('button', { name: 'Back' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect(adminRow().getByLabel(`Role of ${admin.name}`).inputValue()).resolves.toBe(
      'ADMIN',
    );
  });

  it('lists them before removing the admin, and shows them revoked afterwards', async () => {
    await adminRow().getByRole('button', { name: 'Remove' }).click();
    const dialog = page.getByRole('dialog', { name: `Remove ${admin.name}?` });
    const preview = dialog.getByTestId('revocation-preview');
    await expect(preview.getByTestId('revoked-api-keys').getAttribute('data-count')).resolves.toBe(
      '1',
    );
    await expect(text(preview)).resolves.toContain(`ci deploys ${keyPrefix}…`);
    await expect(
      preview.getByTestId('revoked-join-secrets').getAttribute('data-count'),
    ).resolves.toBe('1');
    await expect(text(preview)).resolves.toContain(`${linkPrefix}…`);
    await confirm(page, 'Remove member');
    await adminRow().waitFor({ state: 'detached' });

    // The members page's own list shows the join link revoked.
    const link = page.getByTestId(`join-secret-${linkPrefix}`);
    await link.getByRole('cell', { name: 'revoked', exact: true }).waitFor();
    await page.getByRole('link', { name: 'API keys' }).click();
    const key = page.getByTestId(`api-key-${keyPrefix}`);
    await key.locator('[data-status="revoked"]').waitFor();
    await expect(key.getByRole('button', { name: 'Revoke ci deploys' }).count()).resolves.toBe(0);
    expect(pageErrors).toEqual([]);
  });

  it('says "none" when the member created nothing live', async () => {
    // The owner's only join link was used up when the admin joined; they made no key.
    await page.goto(`${consoleUrl}/orgs/acme/members`);
    await page.getByTestId('member-row').filter({ hasText: '(you)' }).getByRole('button').click();
    const preview = page.getByRole('dialog').getByTestId('revocation-preview');
    await expect(text(preview.getByTestId('revoked-api-keys'))).resolves.toBe(
      'API keys of theirs to be revoked (0): none.',
    );
    await expect(text(preview.getByTestId('revoked-join-secrets'))).resolves.toBe(
      'Join links of theirs to be revoked (0): none.',
    );
    await page.getByRole('dialog').getByRole('button', { name: 'Back' }).click();
    expect(pageErrors).toEqual([]);
  });

  it('revokes a join link only once that is confirmed', async () => {
    const prefix = joinLinkPrefix(await createJoinLink('VIEWER'));
    const row = page.getByTestId(`join-secret-${prefix}`);
    const revoke = row.getByRole('button', { name: `Revoke join link ${prefix}` });
    const dialog = page.getByRole('dialog', { name: `Revoke the join link ${prefix}…?` });
    const revocations: string[] = [];
    const record = (request: Request) => {
      if (request.method() === 'DELETE') revocations.push(request.url());
    };
    page.on('request', record);
    try {
      await revoke.click();
      await dialog.getByRole('button', { name: 'Back' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await row.getByRole('cell', { name: 'usable', exact: true }).waitFor();

      await revoke.click();
      await confirm(page, 'Revoke join link');
      await row.getByRole('cell', { name: 'revoked', exact: true }).waitFor();
      expect(revocations).toHaveLength(1); // the confirmed one: Back sent none
    } finally {
      page.off('request', record);
    }
    expect(pageErrors).toEqual([]);
  });
});

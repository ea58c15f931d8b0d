// Members & roles: an owner makes a custom role from permission checkboxes, grants it to a
// member (every change of role asked first), cannot delete it while it is held, and deletes it
// once it is not; the member then sees only what the role allows (API keys listed, not
// changed, under a role holding token.read alone). All real: the built control plane on a
// scratch PostgreSQL database, the console's server, Chromium.
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
import { CHECKED_HEADER } from '../src/lib/checked-answer';

const owner: Account = {
  name: 'Rita Roles',
  email: 'rita@example.test',
  password: 'roles are permission sets',
};
const member: Account = {
  name: 'Mo Member',
  email: 'mo@example.test',
  password: 'a member with one role',
};

describe('custom roles on the members page', () => {
  const session = useConsoleSession();
  let page: Page;
  let consoleUrl: string;
  let pageErrors: string[] = [];

  const membersPage = () => page.goto(`${consoleUrl}/orgs/roles-co/members`);
  const roleRow = (name: string) => page.locator(`[data-testid="role-row"][data-role="${name}"]`);
  const memberRow = () =>
    page.getByTestId('member-row').and(page.locator(`[data-email="${member.email}"]`));

  /** Makes a custom role on the members page from its permissions' checkboxes. */
  async function createRole(name: string, permissions: string[]): Promise<void> {
    const form = page.getByRole('form', { name: 'Create role' });
    await form.getByLabel('Role name').fill(name);
    for (const permission of permissions) {
      await form
        .getByRole('checkbox', { name: new RegExp(permission.replace('.', '\\.')) })
        .check();
    }
    await form.getByRole('button', { name: 'Create role' }).click();
    await roleRow(name).waitFor();
  }

  beforeAll(() => {
    ({ page, consoleUrl, pageErrors } = session());
  });

  it('lists the built-in roles and creates a custom one from permission checkboxes', async () => {
    await signUp(page, consoleUrl, owner);
    await createOrganization(page, consoleUrl, 'roles-co');
    await membersPage();
    await expect(text(roleRow('VIEWER'))).resolves.toContain(
      'organization.read, application.read, metric.read',
    );
    await expect(text(roleRow('VIEWER'))).resolves.toContain('Built in');

    await createRole('auditors', ['organization.read', 'application.read']);
    await expect(text(roleRow('auditors'))).resolves.toContain(
      'Customorganization.read, application.read',
    );
  });

  it('grants the custom role to a member, and refuses to delete it while they hold it', async () => {
    await page.getByLabel('Role', { exact: true }).selectOption('VIEWER');
    await page.getByRole('button', { name: 'Create join link' }).click();
    const link = await text(page.getByTestId('join-link'));
    await signOut(page);
    await signUp(page, consoleUrl, member);
    await page.goto(link);
    await page.getByRole('button', { name: 'Join organization' }).click();
    await page.waitForURL(`${consoleUrl}/orgs/roles-co`);
    await signOut(page);

    await submitSignIn(page, owner.email, owner.password);
    await page.waitForURL(`${consoleUrl}/`);
    await membersPage();
    // auditors lacks VIEWER's metric.read: a demotion, confirmed first.
    await memberRow().getByLabel(`Role of ${member.name}`).selectOption('auditors');
    await confirm(page, 'Change role');
    await expect(memberRow().getByLabel(`Role of ${member.name}`).inputValue()).resolves.toBe(
      'auditors',
    );

    await roleRow('auditors').getByRole('button', { name: 'Delete role auditors' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete the role “auditors”?' });
    await dialog.getByRole('button', { name: 'Delete role' }).click();
    await expect(text(dialog.getByRole('alert'))).resolves.toContain('hold the role');
    await dialog.getByRole('button', { name: 'Back' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await roleRow('auditors').count()).toBe(1);
  });

  it('asks before a promotion too, and sends nothing on Back', async () => {
    const roleChanges: string[] = [];
    const record = (request: Request) => {
      if (request.method() === 'PUT' && /\/members\/[^/]+\/roles\//.test(request.url())) {
        roleChanges.push(request.url().split('/').at(-1) ?? '');
      }
    };
    page.on('request', record);
    try {
      const roleSelect = memberRow().getByLabel(`Role of ${member.name}`);
      await roleSelect.selectOption('OWNER');
      const toOwner = page.getByRole('dialog', { name: `Make ${member.name} Owner?` });
      await expect(text(toOwner.getByTestId('promotion-note'))).resolves.toContain(
        'owners included',
      );
      await toOwner.getByRole('button', { name: 'Back' }).click();
      await toOwner.waitFor({ state: 'hidden' });
      await expect(roleSelect.inputValue()).resolves.toBe('auditors');

      // Within what auditors give, still asked.
      const granted = page.waitForResponse(
        (res) => res.request().method() === 'PUT' && res.url().endsWith('/roles/VIEWER'),
      );
      await roleSelect.selectOption('VIEWER');
      await confirm(page, 'Change role');
      // The console's server checks answers for the browser and says the control plane's status.
      expect((await granted).headers()[CHECKED_HEADER]).toBe('204');
      await expect(roleSelect.inputValue()).resolves.toBe('VIEWER');
      expect(roleChanges).toEqual(['VIEWER']);
    } finally {
      page.off('request', record);
    }
  });

  it('deletes the role once nobody holds it', async () => {
    await roleRow('auditors').getByRole('button', { name: 'Delete role auditors' }).click();
    await confirm(page, 'Delete role');
    await roleRow('auditors').waitFor({ state: 'detached' });
    expect(pageErrors).toEqual([]);
  });

  it('offers API keys DBOS permission names', async () => {
    await page.getByRole('link', { name: 'API keys' }).click();
    const form = page.getByRole('form', { name: 'Create API key' });
    await expect(
      form.getByRole('checkbox', { name: /websocket\.connect/ }).isChecked(),
    ).resolves.toBe(true);
    await form.getByLabel('Key name').fill('metrics scraper');
    await form.getByRole('checkbox', { name: /websocket\.connect/ }).uncheck();
    await form.getByRole('checkbox', { name: /metric\.read/ }).check();
    await form.getByRole('button', { name: 'Create API key' }).click();
    await page.getByTestId('api-key-secret').waitFor();
    await page.getByRole('button', { name: 'I have copied it' }).click();
    expect(pageErrors).toEqual([]);
  });

  it('shows a role holding token.read the API keys, with no way to change them', async () => {
    await membersPage();
    await createRole('keyreaders', ['organization.read', 'token.read']);
    await memberRow().getByLabel(`Role of ${member.name}`).selectOption('keyreaders');
    await confirm(page, 'Change role');
    await signOut(page);

    await submitSignIn(page, member.email, member.password);
    await page.waitForURL(`${consoleUrl}/`);
    await page.goto(`${consoleUrl}/orgs/roles-co`);
    await page
      .getByRole('navigation', { name: 'Organization' })
      .getByRole('link', { name: 'API keys' })
      .click();
    await page.getByTestId('api-key-table').getByText('metrics scraper').waitFor();
    await expect(page.getByRole('form', { name: 'Create API key' }).count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: /^(Rename|Revoke) / }).count()).resolves.toBe(0);
    expect(pageErrors).toEqual([]);
  });
});

// A user's own account page: where they are signed in, signing one of those sessions out, and
// changing their password, which signs every other session out. All real: the built control
// plane on a scratch PostgreSQL database, the console's server, Chromium; the other session
// is a second client signed in through the console's /api.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { signUp, text, type Account } from './support/console-actions';
import { useConsoleSession } from './support/console-session';

const user: Account = {
  name: 'Ada Account',
  email: 'ada.account@example.test',
  password: 'first long password',
};
const NEW_PASSWORD = 'second long password';

/** A session signed in elsewhere (another device), through the console's /api. */
class OtherDevice {
  private cookies = '';

  constructor(private readonly consoleUrl: string) {}

  async signIn(password: string): Promise<number> {
    const res = await fetch(`${this.consoleUrl}/api/v2/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'Other Device/1.0' },
      body: JSON.stringify({ email: user.email, password }),
    });
    this.cookies = res.headers
      .getSetCookie()
      .map((line) => line.split(';')[0])
      .join('; ');
    return res.status;
  }

  /** The status of asking who is signed in: 200 while the session lives, 401 once it ended. */
  async whoAmI(): Promise<number> {
    const res = await fetch(`${this.consoleUrl}/api/v2/users/me`, {
      headers: { cookie: this.cookies },
    });
    return res.status;
  }
}

describe('the account page', () => {
  const session = useConsoleSession();
  let page: Page;
  let consoleUrl: string;
  let pageErrors: string[] = [];
  let other: OtherDevice;

  const sessionRows = () => page.getByTestId('session-table').locator('tbody tr');

  beforeAll(() => {
    ({ page, consoleUrl, pageErrors } = session());
    other = new OtherDevice(consoleUrl);
  });

  it('lists where the user is signed in, and signs another session out', async () => {
    await signUp(page, consoleUrl, user);
    expect(await other.signIn(user.password)).toBe(201);

    await page.getByTestId('header-user').click();
    await page.waitForURL(`${consoleUrl}/account`);
    await page.getByRole('heading', { name: 'Your account' }).waitFor();
    await expect.poll(() => sessionRows().count()).toBe(2);
    const otherRow = sessionRows().filter({ hasText: 'Other Device/1.0' });
    const thisRow = sessionRows().filter({ hasText: 'this browser' });
    await expect(thisRow.count()).resolves.toBe(1);
    // This browser's own session has no sign-out button here (the header has one).
    await expect(thisRow.getByRole('button').count()).resolves.toBe(0);

    await otherRow.getByRole('button', { name: /^Sign out the session/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Sign out' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => sessionRows().count()).toBe(1);
    expect(await other.whoAmI()).toBe(401);
  });

  it('changes the password: a wrong current one is refused; then other sessions end', async () => {
    expect(await other.signIn(user.password)).toBe(201);
    await page.reload();
    await expect.poll(() => sessionRows().count()).toBe(2);

    const form = page.getByRole('form', { name: 'Change password' });
    await form.getByLabel('Current password').fill('not my password');
    await form.getByLabel('New password').fill(NEW_PASSWORD);
    await form.getByRole('button', { name: 'Change password' }).click();
    await expect(text(form.getByRole('alert'))).resolves.toContain(
      'The current password is not right.',
    );
    expect(await other.whoAmI()).toBe(200);

    await form.getByLabel('Current password').fill(user.password);
    await form.getByRole('button', { name: 'Change password' }).click();
    await form.getByRole('status').filter({ hasText: 'Password changed' }).waitFor();
    await expect.poll(() => sessionRows().count()).toBe(1);
    expect(await other.whoAmI()).toBe(401);
    // Signed in here still; the old password no longer signs in, the new one does.
    await page.reload();
    await page.getByRole('heading', { name: 'Your account' }).waitFor();
    expect(await other.signIn(user.password)).toBe(401);
    expect(await other.signIn(NEW_PASSWORD)).toBe(201);
    expect(pageErrors).toEqual([]);
  });
});

// What an operator does in the console, step by step, through roles and labels only (as a
// person with a screen reader would find them).
import type { Frame, Locator, Page } from 'playwright-core';

export interface Account {
  name: string;
  email: string;
  password: string;
}

export async function signUp(page: Page, consoleUrl: string, account: Account): Promise<void> {
  await page.goto(`${consoleUrl}/sign-up`);
  await page.getByLabel('Name').fill(account.name);
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign up' }).click();
  // Signed in at once, on the organizations page.
  await page.waitForURL(`${consoleUrl}/`);
  await page.getByRole('heading', { name: 'Organizations', exact: true }).waitFor();
}

/** Fills and sends the sign-in form on the current page. */
export async function submitSignIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** From the page that offers it (home without an organization, or the switcher's page). */
export async function createOrganization(
  page: Page,
  consoleUrl: string,
  name: string,
): Promise<void> {
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByRole('button', { name: 'Create organization' }).click();
  await page.waitForURL(`${consoleUrl}/orgs/${name}`);
}

export async function signOut(page: Page): Promise<void> {
  const visited: string[] = [];
  const record = (frame: Frame) => {
    if (frame === page.mainFrame()) visited.push(frame.url());
  };
  page.on('framenavigated', record);
  await page.getByRole('button', { name: 'Sign out' }).click();
  // The end of sign-out is a full load of `/sign-in` and nothing else: the sign-in gate
  // must not route to `/sign-in?next=…` meanwhile (two navigations would race).
  await page.waitForURL((url) => url.pathname === '/sign-in', { waitUntil: 'load' });
  page.off('framenavigated', record);
  const detours = visited.filter((url) => new URL(url).search !== '');
  if (detours.length > 0) throw new Error(`sign-out navigated to ${detours.join(', ')}`);
}

/** The text of an element, trimmed ('' when it has none). */
export async function text(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? '').trim();
}

/**
 * Waits until the workflow page's status badge reads one of `statuses` (within `timeout` ms,
 * the page's default when not given); returns it.
 */
export async function waitForStatus(
  page: Page,
  statuses: string[],
  options: { timeout?: number } = {},
): Promise<string> {
  const badge = page.getByTestId('workflow-status');
  const selector = statuses.map((s) => `[data-status="${s}"]`).join(', ');
  await badge.and(page.locator(selector)).waitFor(options);
  return (await badge.getAttribute('data-status')) ?? '';
}

/** Answers the open confirmation dialog with its confirm button. */
export async function confirm(page: Page, label: string): Promise<void> {
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: label }).click();
  await dialog.waitFor({ state: 'hidden' });
}

/**
 * Creates an API key on the organization's keys page (limited to `app` when given) and reads,
 * from the secret shown once and the hint beside it, what an executor needs to connect.
 */
export async function createExecutorKey(
  page: Page,
  consoleUrl: string,
  options: { org: string; name: string; app?: string },
): Promise<{ apiKey: string; conductorUrl: string }> {
  await page.goto(`${consoleUrl}/orgs/${options.org}/keys`);
  await page.getByLabel('Key name').fill(options.name);
  if (options.app) {
    await page.getByRole('checkbox', { name: new RegExp(options.app) }).check();
  }
  await page.getByRole('button', { name: 'Create API key' }).click();
  const apiKey = await text(page.getByTestId('api-key-secret'));
  const hint = await text(page.getByTestId('executor-env-hint'));
  await page.getByRole('button', { name: 'I have copied it' }).click();
  return { apiKey, conductorUrl: /CONDUCTOR_URL=(\S+)/.exec(hint)?.[1] ?? '' };
}

/**
 * From an owner's session: a join link for `role` in `org`, then signs out and signs up
 * `account`, who joins with it. Ends signed in as `account`, on the organization's page.
 */
export async function joinWithRole(
  page: Page,
  consoleUrl: string,
  options: { org: string; role: string; account: Account },
): Promise<void> {
  await page.goto(`${consoleUrl}/orgs/${options.org}/members`);
  await page.getByLabel('Role', { exact: true }).selectOption(options.role);
  await page.getByRole('button', { name: 'Create join link' }).click();
  const joinLink = await text(page.getByTestId('join-link'));
  await signOut(page);
  await signUp(page, consoleUrl, options.account);
  await page.goto(joinLink);
  await page.getByRole('button', { name: 'Join organization' }).click();
  await page.waitForURL(`${consoleUrl}/orgs/${options.org}`);
}

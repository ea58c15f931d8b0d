// One browser on one fresh console stack: the built control plane on a scratch PostgreSQL
// database, the console's server, Chromium with one page. What a journey test starts with.
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { assertAccessible } from './accessibility';
import { launchChromium, openPage, type Browser } from './chromium';
import {
  assertConsoleStackBuilt,
  repoRoot,
  startConsoleStack,
  type ConsoleStack,
} from './console-stack';
import { reportPageOnFailure } from './failure-evidence';
import { createMigratedDatabase, type ScratchDatabase } from './scratch-database';

export interface ConsoleSession {
  readonly browser: Browser;
  readonly page: Page;
  readonly consoleUrl: string;
  /** Errors the page logged, but failed loads (refused requests log those). */
  readonly pageErrors: string[];
  /** Closes the browser, stops the stack and drops the database (whatever had started). */
  close(): Promise<void>;
}

export interface ConsoleSessionOptions {
  /** More environment for the control plane, e.g. `PODIUM_ALERT_EVALUATION_MS`. */
  readonly controlPlaneEnv?: Record<string, string>;
}

export async function startConsoleSession(
  options: ConsoleSessionOptions = {},
): Promise<ConsoleSession> {
  assertConsoleStackBuilt();
  let browser: Browser | undefined;
  let database: ScratchDatabase | undefined;
  let stack: ConsoleStack | undefined;
  const close = async () => {
    await browser?.close();
    await stack?.stop();
    await database?.drop();
  };
  try {
    browser = await launchChromium();
    database = await createMigratedDatabase(repoRoot);
    stack = await startConsoleStack({
      controlPlaneEnv: {
        DATABASE_URL: database.url,
        PODIUM_LOG_LEVEL: 'warn',
        ...options.controlPlaneEnv,
      },
      readyPath: '/sign-in',
    });
    const { page, errors } = await openPage(browser, (message) =>
      message.startsWith('Failed to load resource'),
    );
    page.setDefaultTimeout(20_000);
    return { browser, page, consoleUrl: stack.consoleUrl, pageErrors: errors, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * The hooks of a journey file: a session before its tests, axe after each (every page a step
 * ends on passes: no serious or critical violation), the page reported when a test fails,
 * everything closed after them. Returns the
 * session once `beforeAll` has run (a later `beforeAll` of the file may read it).
 */
export function useConsoleSession(options?: ConsoleSessionOptions): () => ConsoleSession {
  let session: ConsoleSession | undefined;
  beforeAll(async () => {
    session = await startConsoleSession(options);
  });
  reportPageOnFailure(() => session?.page);
  afterEach(async (context) => {
    if (session && !session.page.isClosed()) {
      await assertAccessible(session.page, context.task.name);
    }
  });
  afterAll(async () => {
    await session?.close();
  });
  return () => {
    if (!session) throw new Error('The console session starts in beforeAll.');
    return session;
  };
}

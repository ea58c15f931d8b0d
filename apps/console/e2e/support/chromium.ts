// Debian's Chromium driven by playwright-core. Never downloads a browser.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

export async function launchChromium(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!fs.existsSync(executablePath)) {
    throw new Error(
      `Chromium not found at ${executablePath}. Browser tests need it: ` +
        'apt-get install -y chromium (Debian), or set CHROMIUM_PATH to a Chromium binary.',
    );
  }
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'podium-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    viewport: { width: 1100, height: 640 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    context,
    close: async () => {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * The browser's tab, with what goes wrong in it collected in `errors`: uncaught exceptions and
 * messages logged as errors (but those `ignore` accepts), each with the page's address.
 */
export async function openPage(
  browser: Browser,
  ignore: (message: string) => boolean = () => false,
): Promise<{ page: Page; errors: string[] }> {
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  const errors: string[] = [];
  // Where it happened, too: a hydration error's message names no page.
  page.on('pageerror', (error) => errors.push(`${error.message} (on ${page.url()})`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !ignore(message.text())) {
      errors.push(`${message.text()} (on ${page.url()})`);
    }
  });
  return { page, errors };
}

// What the page showed when a step failed: a timeout alone ("waiting for getByTestId(...)")
// says nothing of why, and a CI run leaves only its log. Prints the page's address and its main
// text with the failure, and keeps a screenshot beside the journey's others.
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeEach } from 'vitest';

const EVIDENCE_DIR = process.env.PODIUM_SCREENSHOT_DIR ?? os.tmpdir();
/** Enough of the page to name its state (a banner, an error, the first rows) without flooding the log. */
const MAX_TEXT = 3_000;
const READ_TIMEOUT_MS = 2_000;

const fileNameOf = (testName: string) =>
  `failed-${testName
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 60)}.png`;

/** Registers, for every test of the calling file, a report of the page if the test fails. */
export function reportPageOnFailure(currentPage: () => Page | undefined): void {
  beforeEach((context) => {
    context.onTestFailed(async () => {
      const page = currentPage();
      if (!page || page.isClosed()) return;
      const screenshot = path.join(EVIDENCE_DIR, fileNameOf(context.task.name));
      const saved = await page
        .screenshot({ path: screenshot, fullPage: true, timeout: READ_TIMEOUT_MS })
        .then(() => screenshot)
        .catch((error: unknown) => `not taken (${String(error).split('\n')[0]})`);
      const shown = await page
        .locator('body')
        .innerText({ timeout: READ_TIMEOUT_MS })
        .catch((error: unknown) => `unreadable (${String(error).split('\n')[0]})`);
      console.error(
        `"${context.task.name}" failed on ${page.url()}\nscreenshot: ${saved}\n` +
          `the page showed:\n${shown.slice(0, MAX_TEXT)}`,
      );
    });
  });
}

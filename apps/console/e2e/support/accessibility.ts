// axe-core (Deque's accessibility engine, the npm package) run inside the page under test:
// a journey fails on any serious or critical violation of the page it is on.
import { createRequire } from 'node:module';
import type { AxeResults } from 'axe-core';
import type { Page } from 'playwright-core';

const axeScript = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const BLOCKING = new Set(['serious', 'critical']);

export interface Violation {
  rule: string;
  impact: string;
  help: string;
  /** The first few offending elements, as CSS selectors. */
  nodes: string[];
}

/** A navigation under way (a redirect after the step's last click) replaced the page's document. */
const NAVIGATED = /Execution context was destroyed|Cannot find context|frame was detached/;
/** Longest wait for a page's title (Next streams it after the body): then axe reports it missing. */
const TITLE_TIMEOUT_MS = 10_000;

/**
 * Runs axe on the page once its document is loaded; if a navigation replaces the document
 * mid-run, runs it again on the new one (it is the page the step ends on).
 */
async function axeResults(page: Page): Promise<Pick<AxeResults, 'violations'>> {
  for (let attempt = 1; ; attempt++) {
    await page.waitForLoadState('load');
    try {
      // The App Router sets the title with the streamed metadata, so a step can end before it.
      await page
        .waitForFunction(() => document.title.trim() !== '', undefined, {
          timeout: TITLE_TIMEOUT_MS,
        })
        .catch((error: unknown) => {
          if (NAVIGATED.test(String(error))) throw error;
        });
      const loaded = await page.evaluate(() => 'axe' in window);
      if (!loaded) await page.addScriptTag({ path: axeScript });
      return await page.evaluate(
        () =>
          (window as unknown as { axe: { run(): Promise<AxeResults> } }).axe.run() as Promise<
            Pick<AxeResults, 'violations'>
          >,
      );
    } catch (error) {
      if (attempt >= 5 || !NAVIGATED.test(String(error))) throw error;
    }
  }
}

/** The page's serious and critical axe violations (an empty list when there are none). */
export async function seriousViolations(page: Page): Promise<Violation[]> {
  const results = await axeResults(page);
  return results.violations
    .filter((v) => BLOCKING.has(v.impact ?? ''))
    .map((v) => ({
      rule: v.id,
      impact: v.impact ?? '',
      help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
    }));
}

/** Throws, naming each violation and where, unless the page has no serious or critical one. */
export async function assertAccessible(page: Page, where: string): Promise<void> {
  const violations = await seriousViolations(page);
  if (violations.length > 0) {
    throw new Error(
      `axe found serious or critical violations on ${where} (${page.url()}):\n` +
        violations
          .map((v) => `- ${v.rule} (${v.impact}): ${v.help} at ${v.nodes.join(', ')}`)
          .join('\n'),
    );
  }
}

/**
 * What makes the page scroll sideways at its current viewport width: each element that sticks
 * out past the right edge while its parent does not (where the overflow starts), leaving out
 * what a scrolling box clips. Empty when the page fits.
 */
export function sidewaysOverflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = window.innerWidth;
    if (document.documentElement.scrollWidth <= width) return [];
    const sticksOut = (el: Element) => el.getBoundingClientRect().right > width + 1;
    const clipped = (el: Element) => {
      for (let p = el.parentElement; p; p = p.parentElement) {
        if (getComputedStyle(p).overflowX !== 'visible' && !sticksOut(p)) return true;
      }
      return false;
    };
    return [...document.body.querySelectorAll('*')]
      .filter((el) => sticksOut(el) && el.parentElement && !sticksOut(el.parentElement))
      .filter((el) => !clipped(el))
      .slice(0, 8)
      .map((el) => {
        const classes = el.getAttribute('class');
        const name = `${el.tagName.toLowerCase()}${classes ? `.${classes.replace(/ +/g, '.')}` : ''}`;
        const right = Math.round(el.getBoundingClientRect().right);
        return `${name} (right edge at ${right} px): ${(el.textContent ?? '').slice(0, 40)}`;
      });
  });
}

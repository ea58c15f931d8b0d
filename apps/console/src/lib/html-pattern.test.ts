import { APPLICATION_NAME_PATTERN, ORGANIZATION_NAME_PATTERN } from '@podium/protocol/rest';
import { describe, expect, it } from 'vitest';
import { htmlPattern } from './html-pattern';

/** How browsers compile `pattern`: whole value, `v` flag. */
const asBrowser = (pattern: string) => new RegExp(`^(?:${pattern})$`, 'v');

describe('htmlPattern', () => {
  it.each([
    [APPLICATION_NAME_PATTERN, ['shop', 'my_app-2', 'a'.repeat(256)], ['ab', 'Shop', 'a b c']],
    [
      ORGANIZATION_NAME_PATTERN,
      ['acme', 'acme-inc', 'acme_inc', '_acme_'],
      ['-acme', 'acme-', 'ac', 'ACME', 'a'.repeat(41)],
    ],
  ])('keeps %s valid under the v flag and matching the same names', (regex, good, bad) => {
    const browser = asBrowser(htmlPattern(regex));
    for (const name of good) expect([name, browser.test(name)]).toEqual([name, true]);
    for (const name of bad) expect([name, browser.test(name)]).toEqual([name, false]);
  });
});

import { describe, expect, it } from 'vitest';
import { safeNextPath, signInPath, signUpPath } from './next-path';

describe('safeNextPath', () => {
  it.each([
    ['/orgs/acme/apps/shop?status=ERROR', '/orgs/acme/apps/shop?status=ERROR'],
    ['/', '/'],
    [null, '/'],
    ['', '/'],
    ['https://evil.example/x', '/'],
    ['//evil.example/x', '/'],
    ['/\\evil.example', '/'],
    ['orgs/acme', '/'],
    ['/sign-in?next=/x', '/'],
    // The browser drops tabs and newlines before parsing: these are `//evil.example`.
    ['/\t/evil.example', '/'],
    ['/\n/evil.example/x', '/'],
    ['/\r\n/evil.example', '/'],
    ['/x/../sign-in', '/'],
    ['/orgs/acme#workflows', '/orgs/acme#workflows'],
  ])('%s → %s', (raw, expected) => {
    expect(safeNextPath(raw)).toBe(expected);
  });
});

describe('signInPath', () => {
  it('carries the page to come back to', () => {
    expect(signInPath('/orgs/acme?x=1')).toBe('/sign-in?next=%2Forgs%2Facme%3Fx%3D1');
    expect(signInPath('/')).toBe('/sign-in');
  });
});

describe('signUpPath', () => {
  it('carries the page to come back to', () => {
    expect(signUpPath('/join?secret=s1')).toBe('/sign-up?next=%2Fjoin%3Fsecret%3Ds1');
    expect(signUpPath('/')).toBe('/sign-up');
  });
});

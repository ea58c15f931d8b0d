import { describe, expect, it } from 'vitest';
import { readCookies, serializeCookie } from './cookies';

describe('readCookies', () => {
  it('parses a Cookie header, keeping the first of duplicate names and skipping junk', () => {
    const req = { headers: { cookie: 'a=1; b=x%20y; a=2; junk; c=%E0%A4%A' } };
    expect([...readCookies(req)]).toEqual([
      ['a', '1'],
      ['b', 'x y'],
    ]);
  });
});

describe('serializeCookie', () => {
  const base = { path: '/', httpOnly: true, secure: false, sameSite: 'Lax' } as const;

  it('writes Max-Age with a matching Expires, and the flags', () => {
    const before = Date.now();
    const cookie = serializeCookie('a', 'x y', { ...base, secure: true, maxAgeSeconds: 900 });
    const after = Date.now();
    const [pair, ...attributes] = cookie.split('; ');
    expect(pair).toBe('a=x%20y');
    expect(attributes).toEqual(
      expect.arrayContaining(['Path=/', 'Max-Age=900', 'HttpOnly', 'Secure', 'SameSite=Lax']),
    );
    const expires = Date.parse(attributes.find((a) => a.startsWith('Expires='))!.slice(8));
    // Expires is to the second: between `before` (rounded down) and `after`, 900 s on.
    expect(expires).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 + 900_000);
    expect(expires).toBeLessThanOrEqual(after + 900_000);
  });

  it('writes a fixed expiry, and no HttpOnly for a readable cookie', () => {
    const expires = new Date('2030-01-02T03:04:05Z');
    expect(serializeCookie('c', 't', { ...base, httpOnly: false, path: '/v2', expires })).toBe(
      'c=t; Path=/v2; Expires=Wed, 02 Jan 2030 03:04:05 GMT; SameSite=Lax',
    );
  });
});

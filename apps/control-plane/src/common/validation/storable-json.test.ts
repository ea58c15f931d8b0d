import { describe, expect, it } from 'vitest';
import { screenJson, storableText, unstorableTextReason } from './storable-json';

/** `{ a: { a: ... 1 } }`, `depth` objects deep, built without recursion. */
function nested(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

describe('unstorableTextReason', () => {
  it.each([
    ['x\udfff', /surrogate/],
    ['ghost\ud800', /surrogate/],
    ['\udfff\ud800', /surrogate/], // reversed halves are not a pair
    ['a\u0000b', /NUL/],
  ])('refuses %j', (text, reason) => {
    expect(unstorableTextReason(text)).toMatch(reason);
  });

  it.each(['plain', 'emoji 😀 (a proper pair)', '', 'ünïcödé \u{10FFFF}'])('accepts %j', (text) => {
    expect(unstorableTextReason(text)).toBeUndefined();
  });
});

describe('storableText', () => {
  it.each([
    ['a\u0000b\u0000', 'a\uFFFDb\uFFFD'],
    ['x\udfff\ud800y', 'x\uFFFD\uFFFDy'],
    ['emoji 😀 then \ud83d', 'emoji 😀 then \uFFFD'],
  ])('replaces what cannot be stored in %j', (text, stored) => {
    expect(storableText(text)).toBe(stored);
    expect(unstorableTextReason(storableText(text))).toBeUndefined();
  });

  it('returns storable text as it is', () => {
    const text = 'ünïcödé 😀';
    expect(storableText(text)).toBe(text);
  });
});

describe('screenJson', () => {
  it('names every bad value and key by its dotted path', () => {
    const screening = screenJson({
      name: 'ok',
      displayName: 'x\udfff',
      attributes: { list: ['fine', 'nul\u0000'], 'key\ud800': 1 },
    });
    expect(screening).toEqual({
      kind: 'unstorable-text',
      errors: [
        { path: 'displayName', message: 'contains an unpaired UTF-16 surrogate' },
        { path: 'attributes', message: 'has a key that contains an unpaired UTF-16 surrogate' },
        { path: 'attributes.list.1', message: 'contains a NUL character' },
      ],
    });
  });

  it('names the whole part when the part itself is a bad string', () => {
    expect(screenJson('\u0000')).toMatchObject({ errors: [{ path: '(root)' }] });
  });

  it('accepts sane values of every JSON type', () => {
    expect(screenJson({ a: [1, true, null, 'x', { b: 2.5 }], c: {} })).toEqual({ kind: 'ok' });
    expect(screenJson(undefined)).toEqual({ kind: 'ok' });
    expect(screenJson(nested(64))).toEqual({ kind: 'ok' });
  });

  it('refuses nesting past the limit without overflowing the stack itself', () => {
    expect(screenJson(nested(65))).toMatchObject({ kind: 'too-deep' });
    expect(screenJson(nested(200_000))).toMatchObject({ kind: 'too-deep' });
    expect(screenJson([[[1]]], 2)).toEqual({ kind: 'too-deep', path: '0.0' });
  });

  it('walks a huge flat array', () => {
    expect(screenJson(new Array(500_000).fill('x'))).toEqual({ kind: 'ok' });
  });

  it('stops listing after the first twenty findings', () => {
    const screening = screenJson(new Array(1_000).fill('\u0000'));
    expect(screening.kind === 'unstorable-text' && screening.errors).toHaveLength(20);
  });
});

import { describe, expect, it } from 'vitest';
import { SecretKind } from './secret-kind';

describe('SecretKind', () => {
  const keys = new SecretKind('pdm');

  it('generates URL-path-safe secrets of its kind, with their listed prefix and hash', () => {
    const { secret, prefix, hash } = keys.generate();
    expect(secret).toMatch(/^pdm_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/);
    expect(secret.startsWith(`${prefix}_`)).toBe(true);
    expect(hash).toBe(keys.hash(secret));
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(keys.generate().secret).not.toBe(secret);
  });

  it('tells its well-formed secrets from anything else, other kinds included', () => {
    const { secret } = keys.generate();
    expect(keys.isWellFormed(secret)).toBe(true);
    expect(keys.isWellFormed(`${secret}x`)).toBe(false);
    expect(keys.isWellFormed(secret.replace('pdm_', 'pjs_'))).toBe(false);
    expect(new SecretKind('pjs').isWellFormed(secret)).toBe(false);
  });
});

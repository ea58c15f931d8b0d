import { describe, expect, it } from 'vitest';
import { DEFAULT_SCRYPT_PARAMS, PasswordHasher } from './password-hasher';

// Cheap parameters keep the unit tests fast; one test uses the real ones.
const fast = new PasswordHasher({ ln: 10, r: 8, p: 1 });

describe('PasswordHasher', () => {
  it('stores a salted PHC string that carries its parameters, never the password', async () => {
    const a = await fast.hash('correct horse battery');
    const b = await fast.hash('correct horse battery');
    expect(a).toMatch(/^\$scrypt\$ln=10,r=8,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('correct');
  });

  it('verifies the right password and refuses a wrong or malformed one', async () => {
    const stored = await fast.hash('correct horse battery');
    await expect(fast.verify('correct horse battery', stored)).resolves.toBe(true);
    await expect(fast.verify('correct horse batterY', stored)).resolves.toBe(false);
    await expect(fast.verify('correct horse battery', 'not-a-hash')).resolves.toBe(false);
    await expect(fast.verify('x', '$argon2id$v=19$m=1,t=1,p=1$AAAA$AAAA')).resolves.toBe(false);
  });

  it('treats canonically equivalent Unicode passwords as the same (NFKC)', async () => {
    const stored = await fast.hash('ﬁnally-ﬁne-Å');
    await expect(fast.verify('finally-fine-Å', stored)).resolves.toBe(true);
  });

  it('verifies hashes made with older parameters and asks for a rehash', async () => {
    const stored = await fast.hash('a long enough password');
    const current = new PasswordHasher();
    await expect(current.verify('a long enough password', stored)).resolves.toBe(true);
    expect(current.needsRehash(stored)).toBe(true);
    expect(fast.needsRehash(stored)).toBe(false);
  });

  it('uses memory-hard defaults (N=2^15, r=8: 32 MiB per hash)', async () => {
    expect(DEFAULT_SCRYPT_PARAMS).toEqual({ ln: 15, r: 8, p: 3 });
    const real = new PasswordHasher();
    const stored = await real.hash('a long enough password');
    expect(stored.startsWith('$scrypt$ln=15,r=8,p=3$')).toBe(true);
    await expect(real.verify('a long enough password', stored)).resolves.toBe(true);
  });
});

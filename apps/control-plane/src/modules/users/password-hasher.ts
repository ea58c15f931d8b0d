import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Password hashing with scrypt (memory-hard, from node:crypto), stored as a PHC string
 * `$scrypt$ln=15,r=8,p=3$<salt>$<hash>` (unpadded base64). The parameters travel with each
 * hash, so they can be raised later while old hashes keep verifying (see needsRehash).
 */
export interface ScryptParams {
  /** log2 of the CPU/memory cost N. */
  readonly ln: number;
  /** Block size. */
  readonly r: number;
  /** Parallelisation. */
  readonly p: number;
}

/** OWASP's scrypt setting N=2^15, r=8, p=3: 32 MiB per hash, ~0.2 s on a modest core. */
export const DEFAULT_SCRYPT_PARAMS: ScryptParams = { ln: 15, r: 8, p: 3 };

const SALT_BYTES = 16;
const HASH_BYTES = 32;
const PHC = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

function derive(password: string, salt: Buffer, params: ScryptParams, length: number) {
  const N = 2 ** params.ln;
  const options: ScryptOptions = { N, r: params.r, p: params.p, maxmem: 256 * N * params.r };
  // NFKC: the same password typed on different keyboards or platforms hashes the same.
  const input = password.normalize('NFKC');
  return new Promise<Buffer>((resolve, reject) =>
    scrypt(input, salt, length, options, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

const b64 = (bytes: Buffer) => bytes.toString('base64').replace(/=+$/, '');

export class PasswordHasher {
  constructor(private readonly params: ScryptParams = DEFAULT_SCRYPT_PARAMS) {}

  async hash(password: string): Promise<string> {
    const salt = randomBytes(SALT_BYTES);
    const key = await derive(password, salt, this.params, HASH_BYTES);
    const { ln, r, p } = this.params;
    return `$scrypt$ln=${ln},r=${r},p=${p}$${b64(salt)}$${b64(key)}`;
  }

  /** Constant-time check of `password` against a stored hash; false for malformed hashes. */
  async verify(password: string, stored: string): Promise<boolean> {
    const parsed = PHC.exec(stored);
    if (!parsed) return false;
    const [, ln, r, p, salt, hash] = parsed;
    const expected = Buffer.from(hash ?? '', 'base64');
    const params = { ln: Number(ln), r: Number(r), p: Number(p) };
    if (expected.length === 0 || params.ln < 1) return false;
    const actual = await derive(
      password,
      Buffer.from(salt ?? '', 'base64'),
      params,
      expected.length,
    );
    return timingSafeEqual(actual, expected);
  }

  /** True when `stored` was made with other parameters than today's: hash again at sign-in. */
  needsRehash(stored: string): boolean {
    const { ln, r, p } = this.params;
    return !stored.startsWith(`$scrypt$ln=${ln},r=${r},p=${p}$`);
  }
}

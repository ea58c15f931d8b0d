import { createHash, randomBytes } from 'node:crypto';

/** A new secret: shown once, never stored; its prefix and hash are. */
export interface GeneratedSecret {
  /** Shown to its owner once; never stored. */
  readonly secret: string;
  /** Stored and listed so a secret can be recognised: `<kind>_<8 hex>`. */
  readonly prefix: string;
  readonly hash: string;
}

/**
 * One kind of bearer secret (API keys `pdm`, join secrets `pjs`): `<kind>_<8 hex prefix>_<43
 * base64url chars>`, 256 random bits, only URL-path-safe characters (API keys travel in executor
 * URL paths, join secrets in join links). Stored as a SHA-256 hash, which is enough: with 256
 * random bits there is nothing to brute-force.
 */
export class SecretKind {
  private readonly pattern: RegExp;

  constructor(private readonly kind: string) {
    this.pattern = new RegExp(`^${kind}_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$`);
  }

  generate(): GeneratedSecret {
    const prefix = `${this.kind}_${randomBytes(4).toString('hex')}`;
    const secret = `${prefix}_${randomBytes(32).toString('base64url')}`;
    return { secret, prefix, hash: this.hash(secret) };
  }

  hash(secret: string): string {
    return createHash('sha256').update(secret).digest('hex');
  }

  /** Whether `candidate` could be a secret of this kind (checked before any lookup). */
  isWellFormed(candidate: string): boolean {
    return this.pattern.test(candidate);
  }
}

import { createHash, randomBytes } from 'node:crypto';

// Format: pjs_<8 hex prefix>_<43 base64url chars> (256 random bits); URL-safe for join links.
const SECRET_PATTERN = /^pjs_([0-9a-f]{8})_[A-Za-z0-9_-]{43}$/;

export interface GeneratedJoinSecret {
  /** Shown to the admin once; never stored. */
  readonly secret: string;
  /** Stored and listed so a secret can be recognised. */
  readonly prefix: string;
  readonly hash: string;
}

export function generateJoinSecret(): GeneratedJoinSecret {
  const prefix = `pjs_${randomBytes(4).toString('hex')}`;
  const secret = `${prefix}_${randomBytes(32).toString('base64url')}`;
  return { secret, prefix, hash: hashJoinSecret(secret) };
}

/** SHA-256 is enough: the secret is random, so there is nothing to brute-force. */
export function hashJoinSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function isWellFormedJoinSecret(candidate: string): boolean {
  return SECRET_PATTERN.test(candidate);
}

import { createHash, randomBytes } from 'node:crypto';

// Secrets travel in executor URL paths (`.../websocket/<app>/<key>`), so they use
// only URL-path-safe characters. Format: pdm_<8 hex prefix>_<43 base64url chars>.
const SECRET_PATTERN = /^pdm_([0-9a-f]{8})_[A-Za-z0-9_-]{43}$/;

export interface GeneratedSecret {
  /** Shown to the user once; never stored. */
  readonly secret: string;
  /** Stored and shown in lists so a key can be recognised. */
  readonly prefix: string;
  readonly hash: string;
}

export function generateApiKeySecret(): GeneratedSecret {
  const prefix = `pdm_${randomBytes(4).toString('hex')}`;
  const secret = `${prefix}_${randomBytes(32).toString('base64url')}`;
  return { secret, prefix, hash: hashApiKeySecret(secret) };
}

/** SHA-256 is enough here: the secret has 256 random bits, so there is nothing to brute-force. */
export function hashApiKeySecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function isWellFormedApiKeySecret(candidate: string): boolean {
  return SECRET_PATTERN.test(candidate);
}

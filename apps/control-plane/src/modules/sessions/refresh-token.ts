import { createHash, randomBytes } from 'node:crypto';

/** A new refresh token (256 random bits) and the hash we store instead of it. */
export function generateRefreshToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashRefreshToken(token) };
}

/** SHA-256 suffices: the token is random, so there is nothing to brute-force. */
export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

import type { JoinSecret } from '@podium/protocol/rest';

/** Neither revoked, used up nor expired: whoever holds it can still join. */
export function isJoinSecretUsable(secret: JoinSecret, now: number = Date.now()): boolean {
  return !secret.revokedAt && secret.uses < secret.maxUses && Date.parse(secret.expiresAt) > now;
}

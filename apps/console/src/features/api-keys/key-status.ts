import type { ApiKey } from '@podium/protocol/rest';

export type KeyStatus = 'active' | 'revoked' | 'expired';

/** Revoked wins over expired: it was an operator's decision. */
export function keyStatus(key: ApiKey, now: number = Date.now()): KeyStatus {
  if (key.revokedAt) return 'revoked';
  if (key.expiresAt && Date.parse(key.expiresAt) <= now) return 'expired';
  return 'active';
}

/** Expiry choices offered when creating a key, in days (null: never). */
export const EXPIRY_CHOICES: readonly { label: string; days: number | null }[] = [
  { label: 'Never', days: null },
  { label: 'In 7 days', days: 7 },
  { label: 'In 30 days', days: 30 },
  { label: 'In 90 days', days: 90 },
  { label: 'In 1 year', days: 365 },
];

export function expiresAtFor(days: number | null, now: number = Date.now()): string | null {
  return days === null ? null : new Date(now + days * 86_400_000).toISOString();
}

/** The shell line that starts an executor with this key (see the example app and DBOS). */
export function executorEnvHint(secret: string, conductorUrl: string, app: string): string {
  return `CONDUCTOR_KEY=${secret} CONDUCTOR_URL=${conductorUrl} APP_NAME=${app}`;
}

/** Where the executor connects: `<CONDUCTOR_URL>/websocket/<app>/<key>`. */
export function executorUrl(secret: string, conductorUrl: string, app: string): string {
  return `${conductorUrl}/websocket/${app}/${secret}`;
}

import { hkdfSync, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import type { Config } from '../../config/config';

/** Injection token for the keys derived from the session secret. */
export const SESSION_KEYS = Symbol('SessionKeys');

/** One key per use, so a token of one kind can never pass as the other. */
export interface SessionKeys {
  /** HS256 key of access JWTs. */
  readonly accessToken: Uint8Array;
  /** HMAC key of CSRF tokens. */
  readonly csrf: Buffer;
  /** AES-256-GCM key of the alert webhooks' signing secrets and URLs, at rest (WebhookSecretBox). */
  readonly webhookSecrets: Buffer;
}

const MIN_SECRET_LENGTH = 32;

export function deriveSessionKeys(secret: string): SessionKeys {
  const derive = (purpose: string) =>
    Buffer.from(hkdfSync('sha256', secret, '', `podium ${purpose}`, 32));
  return {
    accessToken: new Uint8Array(derive('access token')),
    csrf: derive('csrf token'),
    webhookSecrets: derive('webhook secrets'),
  };
}

/**
 * The configured secret, or (development) one generated on first start and kept in
 * `secretFile` (mode 0600) so restarts keep everyone signed in. Production requires the
 * configured one (the env schema enforces it).
 */
export async function loadSessionKeys(
  config: Config['sessions'],
  logger: Logger,
): Promise<SessionKeys> {
  if (config.secret) return deriveSessionKeys(config.secret);
  const stored = await readSecretFile(config.secretFile);
  if (stored) return deriveSessionKeys(stored);
  const generated = randomBytes(48).toString('base64url');
  await fs.mkdir(path.dirname(config.secretFile), { recursive: true });
  try {
    await fs.writeFile(config.secretFile, `${generated}\n`, { mode: 0o600, flag: 'wx' });
    logger.info({ file: config.secretFile }, 'generated a session secret');
    return deriveSessionKeys(generated);
  } catch (error) {
    // Another process wrote it first: use theirs.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return deriveSessionKeys((await readSecretFile(config.secretFile)) ?? generated);
  }
}

async function readSecretFile(file: string): Promise<string | null> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const secret = text.trim();
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new Error(`${file} holds a session secret shorter than ${MIN_SECRET_LENGTH} characters.`);
  }
  return secret;
}

import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { SESSION_KEYS, type SessionKeys } from '../../sessions/session-keys';

const VERSION = 'v1';

/** A URL stored plain: before URLs were sealed, or while an older replica lives (WebhookUrlSealing). */
const PLAIN_URL = /^https?:\/\//i;

/**
 * A webhook's secrets at rest: its signing secret and its URL (which may carry a token, as
 * Slack's do). HMAC needs the secret itself and a POST the URL, so neither can be hashed: they
 * are encrypted (AES-256-GCM) with a key derived from the session secret
 * (`PODIUM_SESSION_SECRET`). A database dump alone reveals neither (URLs once sealed: see
 * WebhookUrlSealing); changing the session secret makes stored webhooks unreadable (their
 * deliveries fail, saying so), as does going back to a version that reads URLs plain: re-create
 * them then.
 */
@Injectable()
export class WebhookSecretBox {
  constructor(@Inject(SESSION_KEYS) private readonly keys: SessionKeys) {}

  seal(secret: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.keys.webhookSecrets, iv);
    const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return [VERSION, iv, cipher.getAuthTag(), sealed]
      .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
      .join('.');
  }

  /** A URL as stored: sealed, or still plain when stored before URLs were sealed. */
  openUrl(stored: string): string | null {
    return PLAIN_URL.test(stored) ? stored : this.open(stored);
  }

  /** Null when it cannot be opened (another session secret, or tampered with). */
  open(stored: string): string | null {
    const [version, iv, tag, sealed] = stored.split('.');
    if (version !== VERSION || !iv || !tag || sealed === undefined) return null;
    try {
      const decipher = createDecipheriv(
        'aes-256-gcm',
        this.keys.webhookSecrets,
        Buffer.from(iv, 'base64url'),
      );
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      const plain = Buffer.concat([
        decipher.update(Buffer.from(sealed, 'base64url')),
        decipher.final(),
      ]);
      return plain.toString('utf8');
    } catch {
      return null;
    }
  }
}

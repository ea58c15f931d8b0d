import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { SESSION_KEYS, type SessionKeys } from '../../sessions/session-keys';

const VERSION = 'v1';

/**
 * Webhook signing secrets at rest. HMAC needs the secret itself, so it cannot be hashed: it is
 * encrypted (AES-256-GCM) with a key derived from the session secret (`PODIUM_SESSION_SECRET`).
 * A database dump alone reveals nothing; changing the session secret makes stored webhook
 * secrets unreadable (their deliveries fail, saying so): re-create the webhooks then.
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

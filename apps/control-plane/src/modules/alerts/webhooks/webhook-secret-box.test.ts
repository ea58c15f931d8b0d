import { describe, expect, it } from 'vitest';
import { deriveSessionKeys } from '../../sessions/session-keys';
import { WebhookSecretBox } from './webhook-secret-box';

describe('WebhookSecretBox', () => {
  const box = new WebhookSecretBox(deriveSessionKeys('a-session-secret-of-at-least-32-characters'));

  it('keeps the secret encrypted (never in clear) and opens it again', () => {
    const sealed = box.seal('pwh_0123abcd_secret');
    expect(sealed).not.toContain('secret');
    expect(sealed).not.toBe(box.seal('pwh_0123abcd_secret')); // a fresh IV each time
    expect(box.open(sealed)).toBe('pwh_0123abcd_secret');
  });

  it('opens a sealed URL, and reads one stored plain (before URLs were sealed) as it is', () => {
    const url = 'https://hooks.slack.com/services/T0001/B0002/token';
    const sealed = box.seal(url);
    expect(sealed).not.toContain('slack');
    expect(box.openUrl(sealed)).toBe(url);
    expect(box.openUrl(url)).toBe(url);
    expect(box.openUrl('HTTP://example.com/hook')).toBe('HTTP://example.com/hook');
    const other = new WebhookSecretBox(deriveSessionKeys('another-session-secret-of-32-chars!!'));
    expect(other.openUrl(sealed)).toBeNull();
  });

  it('cannot open what another session secret sealed, nor a tampered value', () => {
    const other = new WebhookSecretBox(deriveSessionKeys('another-session-secret-of-32-chars!!'));
    const sealed = box.seal('pwh_0123abcd_secret');
    expect(other.open(sealed)).toBeNull();
    expect(box.open(`${sealed.slice(0, -2)}AA`)).toBeNull();
    expect(box.open('garbage')).toBeNull();
  });
});

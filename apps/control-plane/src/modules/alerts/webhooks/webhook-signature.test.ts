import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signatureHeader, verifySignature } from './webhook-signature';

describe('webhook signatures', () => {
  const at = new Date('2026-12-04T12:00:00.000Z');
  const body = '{"event":"FIRING"}';

  it('signs "<t>.<body>" with HMAC-SHA256, as a receiver recomputes it', () => {
    const header = signatureHeader('s3cret', body, at);
    const t = Math.floor(at.getTime() / 1000);
    const hex = createHmac('sha256', 's3cret').update(`${t}.${body}`).digest('hex');
    expect(header).toBe(`t=${t},v1=${hex}`);
    expect(verifySignature('s3cret', body, header)).toBe(true);
  });

  it('refuses another secret, another body, another timestamp and garbage', () => {
    const header = signatureHeader('s3cret', body, at);
    expect(verifySignature('other', body, header)).toBe(false);
    expect(verifySignature('s3cret', `${body} `, header)).toBe(false);
    expect(verifySignature('s3cret', body, header.replace(/^t=\d+/, 't=1'))).toBe(false);
    expect(verifySignature('s3cret', body, 'v1=zz')).toBe(false);
  });
});

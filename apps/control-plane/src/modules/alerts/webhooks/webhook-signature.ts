import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header that signs a webhook body. */
export const SIGNATURE_HEADER = 'Podium-Signature';

/**
 * `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>` (Stripe's scheme): the timestamp
 * is signed too, so a receiver can refuse old replays.
 */
export function signatureHeader(secret: string, body: string, at: Date): string {
  const t = Math.floor(at.getTime() / 1000);
  return `t=${t},v1=${hmacHex(secret, `${t}.${body}`)}`;
}

/** What a receiver does: true when `header` signs `body` with `secret`. */
export function verifySignature(secret: string, body: string, header: string): boolean {
  const fields = new Map(
    header.split(',').map((part) => part.split('=', 2) as [string, string | undefined]),
  );
  const t = fields.get('t');
  const v1 = fields.get('v1');
  if (!t || !v1 || !/^[0-9a-f]{64}$/.test(v1)) return false;
  const expected = Buffer.from(hmacHex(secret, `${t}.${body}`), 'hex');
  return timingSafeEqual(expected, Buffer.from(v1, 'hex'));
}

function hmacHex(secret: string, text: string): string {
  return createHmac('sha256', secret).update(text).digest('hex');
}

/**
 * The two web-platform globals this package touches, typed locally so that `src/` compiles without
 * DOM or Node typings and still runs in browsers, Node ≥ 20 and other JS runtimes.
 */

interface WebGlobals {
  crypto?: {
    randomUUID?: () => string;
    getRandomValues?: <T extends Uint8Array>(array: T) => T;
  };
  TextDecoder?: new (
    label?: string,
    options?: { fatal?: boolean },
  ) => { decode(input: Uint8Array): string };
}

const web = globalThis as unknown as WebGlobals;

/** A random v4 UUID from `crypto.randomUUID()`, with a fallback for insecure browser contexts. */
export function randomId(): string {
  const crypto = web.crypto;
  if (crypto?.randomUUID) return crypto.randomUUID();
  const bytes = new Uint8Array(16);
  if (crypto?.getRandomValues) crypto.getRandomValues(bytes);
  else for (let i = 0; i < 16; i++) bytes[i] = Math.floor(Math.random() * 256);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

let decoder: { decode(input: Uint8Array): string } | undefined;

/** UTF-8 text of a binary frame (invalid sequences become U+FFFD, as WebSocket text would not). */
export function utf8Decode(bytes: Uint8Array): string {
  if (!decoder) {
    if (!web.TextDecoder) throw new Error('TextDecoder is not available');
    decoder = new web.TextDecoder('utf-8');
  }
  return decoder.decode(bytes);
}

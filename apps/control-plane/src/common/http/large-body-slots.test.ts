import { describe, expect, it } from 'vitest';
import { LARGE_BODY_BYTES, LargeBodySlots } from './large-body-slots';

describe('LargeBodySlots', () => {
  const large = String(LARGE_BODY_BYTES + 1);

  it('lets small bodies through without a slot', () => {
    const slots = new LargeBodySlots(1);
    slots.take(large);
    expect(() => slots.take(String(LARGE_BODY_BYTES))).not.toThrow();
    expect(() => slots.take('0')).not.toThrow();
    expect(slots.inUse).toBe(1);
  });

  it('refuses a large body past the capacity, with a Retry-After, until one is released', () => {
    const slots = new LargeBodySlots(2);
    const first = slots.take(large);
    slots.take(undefined); // chunked: of unknown length, so large
    let refusal: unknown;
    try {
      slots.take(large);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toMatchObject({ code: 'RATE_LIMITED', extra: { retryAfterSeconds: 1 } });
    first();
    first(); // a second release of the same slot changes nothing
    expect(slots.inUse).toBe(1);
    expect(() => slots.take(large)).not.toThrow();
    expect(slots.inUse).toBe(2);
  });
});

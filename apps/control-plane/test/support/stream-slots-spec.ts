import { describe, expect, it } from 'vitest';
import type { SlotClaim, StreamSlot, StreamSlots } from '../../src/modules/live/stream-slots';

/** Builds empty slots (a namespace of their own). */
export type StreamSlotsFactory = () => StreamSlots | Promise<StreamSlots>;

export function slotOf(claim: SlotClaim): StreamSlot {
  if ('slot' in claim) return claim.slot;
  throw new Error(`expected a slot, the caller holds ${claim.held}`);
}

/**
 * The budget's rules, for every implementation (in memory, Redis): the same cases must hold
 * for both, so replicas limit exactly as a lone process does.
 */
export function describeStreamSlots(name: string, make: StreamSlotsFactory) {
  describe(name, () => {
    it('gives a caller its max slots, then says how many it holds', async () => {
      const slots = await make();
      for (let i = 0; i < 3; i++) slotOf(await slots.take('user:1', 3));
      expect(await slots.take('user:1', 3)).toEqual({ held: 3 });
      // Another caller has a budget of its own.
      slotOf(await slots.take('api-key:2', 3));
    });

    it('gives a released slot out again, once however often it is released', async () => {
      const slots = await make();
      const first = slotOf(await slots.take('user:1', 2));
      slotOf(await slots.take('user:1', 2));
      first.release();
      first.release();
      // (Redis: the release's command goes first on the same connection.)
      slotOf(await slots.take('user:1', 2));
      expect(await slots.take('user:1', 2)).toEqual({ held: 2 });
    });

    it('takes no more than max slots for concurrent claims', async () => {
      const slots = await make();
      const claims = await Promise.all(Array.from({ length: 10 }, () => slots.take('user:1', 4)));
      expect(claims.filter((claim) => 'slot' in claim)).toHaveLength(4);
    });
  });
}

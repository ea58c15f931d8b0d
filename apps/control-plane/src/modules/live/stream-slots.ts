/** One live stream's place in its caller's budget, given back when the stream ends. */
export interface StreamSlot {
  /** Gives the slot back; a second call does nothing. */
  release(): void;
}

/** A slot, or (none free) how many the caller holds. */
export type SlotClaim = { readonly slot: StreamSlot } | { readonly held: number };

/**
 * How many live streams each caller holds, for `live.maxStreamsPerCaller`. Where the count
 * lives is the subclass's: this process's memory when it runs alone (InMemoryStreamSlots),
 * Redis for replicas (RedisStreamSlots), so that N replicas do not give one caller N budgets.
 * Each check-and-take is one atomic step.
 */
export abstract class StreamSlots {
  /** Takes one of `caller`'s `max` slots, or says how many it holds when none is free. */
  abstract take(caller: string, max: number): Promise<SlotClaim>;
}

/** The counts in this process's memory: for a control plane that runs alone. */
export class InMemoryStreamSlots extends StreamSlots {
  private readonly held = new Map<string, number>();

  take(caller: string, max: number): Promise<SlotClaim> {
    const held = this.held.get(caller) ?? 0;
    if (held >= max) return Promise.resolve({ held });
    this.held.set(caller, held + 1);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      const left = (this.held.get(caller) ?? 1) - 1;
      if (left > 0) this.held.set(caller, left);
      else this.held.delete(caller);
    };
    return Promise.resolve({ slot: { release } });
  }
}

import { AppError } from '@podium/protocol';

/**
 * How many bodies over Fastify's default 1 MiB one process reads at once. Each may be as large
 * as an executor frame (64 MiB by default) and is held twice while it is handled, raw and
 * parsed: the bound on what callers can make a process hold. Imports are rare operator acts.
 */
export const MAX_LARGE_BODIES_AT_ONCE = 4;

/** A body past this many bytes (or of unknown length) takes a slot. */
export const LARGE_BODY_BYTES = 1024 * 1024;

/** Slots for large request bodies; a request without one is refused, to come back shortly. */
export class LargeBodySlots {
  private taken = 0;

  constructor(private readonly capacity = MAX_LARGE_BODIES_AT_ONCE) {}

  /**
   * Takes a slot for a body of `contentLength` (a header value; absent: chunked, unknown),
   * returning its release (once is enough; more are ignored), or throws RATE_LIMITED.
   */
  take(contentLength: string | undefined): () => void {
    const bytes = contentLength === undefined ? Number.POSITIVE_INFINITY : Number(contentLength);
    if (bytes <= LARGE_BODY_BYTES) return () => undefined;
    if (this.taken >= this.capacity) {
      throw new AppError(
        'RATE_LIMITED',
        `This control plane is already receiving ${this.capacity} large request bodies; send it again shortly.`,
        { retryAfterSeconds: 1 },
      );
    }
    this.taken += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.taken -= 1;
    };
  }

  get inUse(): number {
    return this.taken;
  }
}

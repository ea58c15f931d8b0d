import type { LiveEvent } from '@podium/protocol';

/**
 * The events of one live stream, in order: the snapshot first, then every change that
 * happened since the subscription (buffered while the snapshot was read), then live ones.
 */
export class LiveSession {
  private sink?: (event: LiveEvent) => void;
  private buffer: LiveEvent[] = [];
  private closed = false;

  constructor(private readonly unsubscribe: () => void) {}

  push(event: LiveEvent): void {
    if (this.closed) return;
    if (this.sink) this.sink(event);
    else this.buffer.push(event);
  }

  /** Puts the snapshot ahead of whatever was buffered. */
  pushFirst(event: LiveEvent): void {
    if (!this.closed) this.buffer.unshift(event);
  }

  /** Delivers the buffer, then every later event, to `sink`. */
  pipe(sink: (event: LiveEvent) => void): void {
    this.sink = sink;
    for (const event of this.buffer.splice(0)) sink(event);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.buffer = [];
    this.unsubscribe();
  }
}

/**
 * One server-sent-events response. Invariants: nothing is written after the client left or
 * the stream was closed; the heartbeat timer lives exactly as long as the stream (it is
 * cleared on close, whoever closes), so an abandoned stream leaks nothing — including one whose
 * client left before it was made (its 'close' already fired), and one whose client stopped
 * reading (what waits unsent is bounded).
 */

/** A client that leaves this much unread is dropped (EventSource reconnects by itself). */
export const MAX_UNSENT_BYTES = 16 * 1024 * 1024;

/** The part of a response the stream needs (the raw Node response in production). */
export interface SseSink {
  write(chunk: string): unknown;
  end(): unknown;
  /** Drops the connection and whatever waits unsent on it. */
  destroy(): unknown;
  once(event: 'close', listener: () => void): unknown;
  /** True once the client has gone (or the response was destroyed). */
  readonly destroyed: boolean;
  /** Bytes written but not yet taken by the client. */
  readonly writableLength: number;
}

export class SseStream {
  private readonly heartbeat: NodeJS.Timeout;
  private readonly closeListeners: Array<() => void> = [];
  private closed = false;

  constructor(
    private readonly sink: SseSink,
    heartbeatMs: number,
  ) {
    this.heartbeat = setInterval(() => this.comment('heartbeat'), heartbeatMs);
    this.heartbeat.unref();
    sink.once('close', () => this.onClosed());
    if (sink.destroyed) this.onClosed();
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  /** One event; `data` is JSON (one line: JSON.stringify escapes newlines). */
  send(event: string, data: unknown): void {
    this.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  /** A comment line: ignored by EventSource, keeps proxies from timing the stream out. */
  comment(text: string): void {
    this.write(`: ${text}\n\n`);
  }

  /**
   * Ends the response (server shutdown, access ended). A client still behind is cut instead:
   * end() would wait behind what it has not read, for as long as it keeps the connection open
   * (no idle timeout applies to these), and hold a stopping server open with it.
   */
  close(): void {
    if (this.closed) return;
    if (this.sink.writableLength > 0) this.sink.destroy();
    else this.sink.end();
    this.onClosed();
  }

  onClose(listener: () => void): void {
    if (this.closed) listener();
    else this.closeListeners.push(listener);
  }

  private write(chunk: string): void {
    if (this.closed) return;
    if (this.sink.writableLength <= MAX_UNSENT_BYTES) {
      this.sink.write(chunk);
      return;
    }
    // Not end(): that would wait behind what is unsent, holding it for as long as the client
    // keeps the connection open without reading.
    this.sink.destroy();
    this.onClosed();
  }

  private onClosed(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.heartbeat);
    for (const listener of this.closeListeners.splice(0)) listener();
  }
}

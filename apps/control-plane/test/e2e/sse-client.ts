import { DEFAULT_WAIT_TIMEOUT_MS, waitUntil } from './wait-until';

export interface SseEvent {
  readonly event: string;
  readonly data: unknown;
}

/** A minimal EventSource over fetch: collects events and comments, waits for them. */
export async function openSse(url: string, headers: Record<string, string>) {
  const controller = new AbortController();
  const res = await fetch(url, { headers, signal: controller.signal });
  const events: SseEvent[] = [];
  const comments: string[] = [];
  let cursor = 0;
  let markEnded!: () => void;
  /** Resolves when the server ends the stream (or it is closed here). */
  const ended = new Promise<void>((resolve) => (markEnded = resolve));
  if (res.ok && res.body) {
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    void (async () => {
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return markEnded();
          buffer += decoder.decode(value, { stream: true });
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const frame = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            if (frame.startsWith(':')) comments.push(frame.slice(1).trim());
            const event = /^event: (.*)$/m.exec(frame)?.[1];
            const data = /^data: (.*)$/m.exec(frame)?.[1];
            if (event && data) events.push({ event, data: JSON.parse(data) as unknown });
          }
        }
      } catch {
        markEnded(); // aborted by close(), or the connection broke
      }
    })();
  }
  return {
    res,
    comments,
    ended,
    /** The next event (after those already taken) of this type. */
    async next(type: string, timeoutMs = DEFAULT_WAIT_TIMEOUT_MS): Promise<SseEvent> {
      const found = await waitUntil(
        () => {
          const index = events.findIndex((e, i) => i >= cursor && e.event === type);
          return index >= 0 ? { index } : undefined;
        },
        timeoutMs,
        `SSE event ${type}`,
      );
      cursor = found.index + 1;
      return events[found.index] as SseEvent;
    },
    close: () => controller.abort(),
  };
}

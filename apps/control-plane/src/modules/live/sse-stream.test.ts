import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LiveSession } from './live-session';
import { MAX_UNSENT_BYTES, SseStream, type SseSink } from './sse-stream';

class FakeResponse extends EventEmitter implements SseSink {
  readonly chunks: string[] = [];
  ended = false;
  destroyed = false;
  /** What the client has not read: everything, unless a test drains it. */
  writableLength = 0;
  write(chunk: string) {
    this.chunks.push(chunk);
    this.writableLength += chunk.length;
    return true;
  }
  end() {
    this.ended = true;
  }
  destroy() {
    this.destroyed = true;
  }
}

describe('SseStream', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('writes events as SSE frames and a heartbeat comment on every period', () => {
    const res = new FakeResponse();
    const stream = new SseStream(res, 15_000);
    stream.send('executor.connected', { id: 'e1', note: 'two\nlines' });
    expect(res.chunks).toEqual([
      'event: executor.connected\ndata: {"id":"e1","note":"two\\nlines"}\n\n',
    ]);
    vi.advanceTimersByTime(30_000);
    expect(res.chunks.slice(1)).toEqual([': heartbeat\n\n', ': heartbeat\n\n']);
  });

  it('stops its heartbeat and writes nothing once the client has gone', () => {
    const res = new FakeResponse();
    const stream = new SseStream(res, 1_000);
    const closed = vi.fn();
    stream.onClose(closed);
    res.emit('close');
    vi.advanceTimersByTime(10_000);
    stream.send('x', {});
    expect(res.chunks).toEqual([]);
    expect(closed).toHaveBeenCalledOnce();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('is closed from the start when the client left before it was made', () => {
    const res = new FakeResponse();
    res.emit('close');
    res.destroyed = true;
    const stream = new SseStream(res, 1_000);
    const closed = vi.fn();
    stream.onClose(closed);
    stream.send('x', {});
    expect(stream.isOpen).toBe(false);
    expect(closed).toHaveBeenCalledOnce();
    expect(res.chunks).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('drops a client that stops reading once too much waits for it', () => {
    const res = new FakeResponse();
    const stream = new SseStream(res, 1_000);
    const big = 'x'.repeat(MAX_UNSENT_BYTES / 4);
    for (let i = 0; i < 4; i++) stream.send('big', big);
    expect(stream.isOpen).toBe(true);
    stream.send('big', big); // past the bound now: ended instead of written
    expect(stream.isOpen).toBe(false);
    expect(res.destroyed).toBe(true); // the unsent data goes with the connection
    expect(res.ended).toBe(false);
    expect(res.chunks).toHaveLength(4);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('keeps a client that reads however much passes through', () => {
    const res = new FakeResponse();
    const stream = new SseStream(res, 1_000);
    const big = 'x'.repeat(MAX_UNSENT_BYTES / 4);
    for (let i = 0; i < 12; i++) {
      stream.send('big', big);
      res.writableLength = 0; // the client read it
    }
    expect(stream.isOpen).toBe(true);
    expect(res.chunks).toHaveLength(12);
  });

  it('ends the response when closed by the server', () => {
    const res = new FakeResponse();
    const stream = new SseStream(res, 1_000);
    stream.close();
    expect(res.ended).toBe(true);
    expect(stream.isOpen).toBe(false);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('cuts, rather than ends, a client still behind when closed by the server', () => {
    const res = new FakeResponse();
    const stream = new SseStream(res, 1_000);
    stream.send('executor.connected', { executorId: 'e1' }); // unread: the client is behind
    stream.close();
    expect([res.ended, res.destroyed]).toEqual([false, true]);
    expect(stream.isOpen).toBe(false);
  });
});

describe('LiveSession', () => {
  const event = (n: number) => ({
    type: 'snapshot' as const,
    at: new Date(n).toISOString(),
    executors: [],
  });

  it('delivers the snapshot first, then what was buffered, then live events', () => {
    const unsubscribe = vi.fn();
    const session = new LiveSession(unsubscribe);
    session.push(event(1));
    session.pushFirst(event(0));
    const seen: string[] = [];
    session.pipe((e) => seen.push(e.at));
    session.push(event(2));
    expect(seen).toEqual([event(0).at, event(1).at, event(2).at]);
    session.close();
    session.close();
    session.push(event(3));
    expect(seen).toHaveLength(3);
    expect(unsubscribe).toHaveBeenCalledOnce();
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Keepalive, type KeepaliveLink } from './keepalive';

function fakeLink(): KeepaliveLink & { pings: number; terminated: number } {
  const link = {
    pings: 0,
    terminated: 0,
    ping: () => void (link.pings += 1),
    terminate: () => void (link.terminated += 1),
  };
  return link;
}

describe('Keepalive', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('pings every 20 s and keeps a link that answers', () => {
    const link = fakeLink();
    const keepalive = new Keepalive(link);
    keepalive.start();
    for (let i = 0; i < 5; i++) {
      vi.advanceTimersByTime(20_000);
      vi.advanceTimersByTime(100);
      keepalive.alive(); // the pong
    }
    expect(link.pings).toBe(5);
    expect(link.terminated).toBe(0);
    keepalive.stop();
  });

  it('terminates a link that stays silent for 15 s after a ping, then reports it', () => {
    const link = fakeLink();
    const onTimeout = vi.fn(() => {
      throw new Error('a throwing logger');
    });
    const keepalive = new Keepalive(link, undefined, onTimeout);
    keepalive.start();
    vi.advanceTimersByTime(20_000);
    expect(link.pings).toBe(1);
    vi.advanceTimersByTime(14_999);
    expect(link.terminated).toBe(0);
    vi.advanceTimersByTime(1);
    expect(link.terminated).toBe(1);
    expect(onTimeout).toHaveBeenCalledOnce();
    vi.advanceTimersByTime(120_000);
    expect(link.pings).toBe(1); // stopped for good
  });

  it('counts any incoming frame as liveness', () => {
    const link = fakeLink();
    const keepalive = new Keepalive(link);
    keepalive.start();
    vi.advanceTimersByTime(20_000);
    vi.advanceTimersByTime(10_000);
    keepalive.alive(); // a request frame, not a pong
    vi.advanceTimersByTime(10_000);
    expect(link.terminated).toBe(0);
    keepalive.stop();
  });

  it('does not let later pings extend the deadline of a silent link', () => {
    const link = fakeLink();
    const keepalive = new Keepalive(link, { intervalMs: 1_000, timeoutMs: 2_500 });
    keepalive.start();
    vi.advanceTimersByTime(3_499);
    expect(link.terminated).toBe(0);
    vi.advanceTimersByTime(1);
    expect(link.terminated).toBe(1);
  });

  it('leaves no timer behind after stop()', () => {
    const link = fakeLink();
    const keepalive = new Keepalive(link);
    keepalive.start();
    vi.advanceTimersByTime(20_000);
    keepalive.stop();
    expect(vi.getTimerCount()).toBe(0);
    keepalive.start(); // a stopped keepalive stays stopped
    expect(vi.getTimerCount()).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { LogThrottle } from './log-throttle';

describe('LogThrottle', () => {
  it('writes the first lines of a window, counts the rest, and reports them on the next line written', () => {
    let now = 0;
    const throttle = new LogThrottle({ burst: 2, windowMs: 1_000 }, () => now);
    const admitted = Array.from({ length: 5 }, () => throttle.admit('k'));
    expect(admitted).toEqual([{ suppressed: 0 }, { suppressed: 0 }, null, null, null]);
    now = 1_000;
    expect(throttle.admit('k')).toEqual({ suppressed: 3 });
    expect(throttle.admit('k')).toEqual({ suppressed: 0 });
    expect(throttle.admit('k')).toBeNull();
  });

  it('keeps keys apart and remembers a bounded number of them', () => {
    const throttle = new LogThrottle({ burst: 1, windowMs: 60_000 }, () => 0, 2);
    expect(throttle.admit('a')).toEqual({ suppressed: 0 });
    expect(throttle.admit('b')).toEqual({ suppressed: 0 });
    expect(throttle.admit('a')).toBeNull();
    expect(throttle.admit('c')).toEqual({ suppressed: 0 }); // 'a' is forgotten
    expect(throttle.admit('a')).toEqual({ suppressed: 0 });
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatBucket } from './format';

describe('formatBucket', () => {
  // A zone other than UTC, so the two settings differ whatever the machine's own.
  const machineZone = process.env.TZ;
  beforeEach(() => {
    process.env.TZ = 'America/New_York';
  });
  afterEach(() => {
    if (machineZone === undefined) delete process.env.TZ;
    else process.env.TZ = machineZone;
  });

  it("shows a bucket's start in the operator's time zone, with the day when asked", () => {
    const at = Date.UTC(2026, 11, 7, 23, 5);
    expect(formatBucket(at, false, 'utc')).toBe('23:05');
    expect(formatBucket(at, true, 'utc')).toBe('12-07 23:05');
    expect(formatBucket(at, true, 'local')).toBe('12-07 18:05');
  });
});

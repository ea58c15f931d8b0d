import { describe, expect, it } from 'vitest';
import { latest } from './latest';

describe('latest', () => {
  const [early, late] = [new Date('2026-01-01T00:00:00Z'), new Date('2026-01-01T00:00:01Z')];

  it('picks the latest date, in any order, ignoring nulls', () => {
    expect(latest(early, late)).toBe(late);
    expect(latest(late, null, early, undefined)).toBe(late);
    expect(latest(null, early)).toBe(early);
  });

  it('is null when no date is given', () => {
    expect(latest()).toBeNull();
    expect(latest(null, undefined)).toBeNull();
  });
});

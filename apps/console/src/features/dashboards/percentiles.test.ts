import { describe, expect, it } from 'vitest';
import { durationsByName, percentile } from './percentiles';

describe('percentiles', () => {
  it('takes the nearest rank', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(sorted, 50)).toBe(50);
    expect(percentile(sorted, 95)).toBe(95);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([1, 2, 3, 4], 50)).toBe(2);
    expect(percentile([1, 2, 3, 4], 95)).toBe(4);
    expect(percentile([], 50)).toBeNull();
  });

  it('summarises durations per workflow name, slowest p95 first, ignoring impossible ones', () => {
    const runs = [
      ...[10, 20, 30, 40].map((durationMs) => ({ workflowName: 'fast', durationMs })),
      ...[100, 900, 300].map((durationMs) => ({ workflowName: 'slow', durationMs })),
      { workflowName: 'slow', durationMs: -5 }, // clocks disagreeing
    ];
    expect(durationsByName(runs)).toEqual([
      { workflowName: 'slow', count: 3, p50Ms: 300, p95Ms: 900 },
      { workflowName: 'fast', count: 4, p50Ms: 20, p95Ms: 40 },
    ]);
  });
});

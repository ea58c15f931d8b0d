import { describe, expect, it } from 'vitest';
import { maxOf, mergeAggregates, minOf, sumOf } from './family-aggregates';

interface Row {
  group: Record<string, string | null>;
  count?: number | null;
  max_ms?: number | null;
}

const combine = (a: Row, b: Row): Row => ({
  group: a.group,
  count: sumOf(a.count, b.count),
  max_ms: maxOf(a.max_ms, b.max_ms),
});

describe('mergeAggregates (both SDK families in one answer)', () => {
  it('returns one family’s rows as they came', () => {
    const rows = [{ group: { status: 'SUCCESS' }, count: 2 }];
    expect(mergeAggregates([rows], combine)).toEqual(rows);
    expect(mergeAggregates([], combine)).toEqual([]);
  });

  it('combines rows of the same group, whatever the order of its keys, and keeps the others', () => {
    const podium = [
      { group: { status: 'SUCCESS', name: 'a' }, count: 2, max_ms: 10 },
      { group: { status: 'ERROR', name: 'a' }, count: 1, max_ms: null },
    ];
    const dbos = [
      { group: { name: 'a', status: 'SUCCESS' }, count: 3, max_ms: 7 },
      { group: { status: 'PENDING', name: null }, count: 4, max_ms: 1 },
    ];
    expect(mergeAggregates([podium, dbos], combine)).toEqual([
      { group: { status: 'SUCCESS', name: 'a' }, count: 5, max_ms: 10 },
      { group: { status: 'ERROR', name: 'a' }, count: 1, max_ms: null },
      { group: { status: 'PENDING', name: null }, count: 4, max_ms: 1 },
    ]);
  });

  it('orders time buckets as executors do, epoch milliseconds or timestamps', () => {
    const bucket = (time_bucket: string, count: number) => ({ group: { time_bucket }, count });
    expect(
      mergeAggregates(
        [
          [bucket('2000', 1), bucket('4000', 1)],
          [bucket('1000', 2), bucket('2000', 2)],
        ],
        combine,
      ).map((r) => [r.group.time_bucket, r.count]),
    ).toEqual([
      ['1000', 2],
      ['2000', 3],
      ['4000', 1],
    ]);
    const iso = (ms: number) => new Date(ms).toISOString();
    expect(
      mergeAggregates([[bucket(iso(5000), 1)], [bucket(iso(3000), 1)]], combine).map(
        (r) => r.group.time_bucket,
      ),
    ).toEqual([iso(3000), iso(5000)]);
  });

  it('leaves a measure neither family reported unset', () => {
    expect([sumOf(null, undefined), minOf(null, 3), maxOf(2, null), minOf(4, 3)]).toEqual([
      undefined,
      3,
      2,
      3,
    ]);
  });
});

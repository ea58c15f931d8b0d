import type { WorkflowsOutput } from '@podium/protocol';
import { describe, expect, it } from 'vitest';
import { type ListRows, mergeListed, readRows, type PagedBody } from './family-lists';

const row = (WorkflowUUID: string, createdAt: number): WorkflowsOutput => ({
  WorkflowUUID,
  CreatedAt: String(createdAt),
});

describe('mergeListed (both SDK families in one list)', () => {
  const podium = { reach: { timeoutMs: 1 }, value: [row('p1', 10), row('p2', 30)] };
  const dbos = { reach: { timeoutMs: 2 }, value: [row('d1', 20), row('d2', 30), row('d3', 40)] };

  it('orders by creation time, then id, keeping which family listed each row', () => {
    const merged = mergeListed([podium, dbos], false);
    expect(merged.map((r) => r.row.WorkflowUUID)).toEqual(['p1', 'd1', 'd2', 'p2', 'd3']);
    expect(merged.map((r) => r.reach.timeoutMs)).toEqual([1, 2, 2, 1, 2]);
  });

  it('reverses both when newest first is asked for', () => {
    expect(mergeListed([podium, dbos], true).map((r) => r.row.WorkflowUUID)).toEqual([
      'd3',
      'p2',
      'd2',
      'd1',
      'p1',
    ]);
  });
});

describe('readRows (one family, chunk by chunk)', () => {
  const reach = { timeoutMs: 1 };
  const ids = (n: number, from = 0) => Array.from({ length: n }, (_, i) => row(`w${from + i}`, i));

  it('reads chunk after chunk until a short one', async () => {
    const asked: Array<number | null | undefined> = [];
    const list: ListRows<PagedBody> = ({ offset, limit }) => {
      asked.push(offset);
      return Promise.resolve(ids(Math.min(limit ?? 0, 25 - (offset ?? 0)), offset ?? 0));
    };
    const rows = await readRows(list, {}, reach, { from: 0, count: undefined, chunk: 10 });
    expect(rows).toHaveLength(25);
    expect(asked).toEqual([0, 10, 20]);
  });

  it('stops when an executor ignores the offset and answers the same rows again', async () => {
    let asked = 0;
    const list: ListRows<PagedBody> = ({ limit }) => {
      asked += 1;
      return Promise.resolve(ids(limit ?? 0));
    };
    const rows = await readRows(list, {}, reach, { from: 0, count: undefined, chunk: 10 });
    expect(rows).toHaveLength(10);
    expect(asked).toBe(2);
  });
});

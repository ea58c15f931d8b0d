import type { WorkflowsOutput } from '@podium/protocol';
import { describe, expect, it } from 'vitest';
import { mergeListed } from './family-lists';

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

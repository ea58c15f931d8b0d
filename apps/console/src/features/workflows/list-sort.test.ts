import type { Workflow } from '@podium/protocol/rest';
import { describe, expect, it } from 'vitest';
import { sortPage } from './list-sort';
import { visibleQueueName } from './queue-name';

const row = (id: string, fields: Partial<Workflow> = {}) =>
  ({ workflowId: id, ...fields }) as Workflow;

describe('sortPage', () => {
  const page = [
    row('b', { workflowName: 'ship', queueName: '_dbos_internal_queue' }),
    row('a', { workflowName: null, queueName: 'media' }),
    row('c', { workflowName: 'charge', queueName: null }),
    row('d', { workflowName: 'ship', queueName: 'billing' }),
  ];

  it('keeps the executor’s order when it sorted (by creation time)', () => {
    expect(sortPage(page, { column: 'created', desc: false })).toBe(page);
  });

  it('sorts the page by another column, stable, rows without a value last either way', () => {
    expect(sortPage(page, { column: 'name', desc: false }).map((w) => w.workflowId)).toEqual([
      'c',
      'b',
      'd',
      'a',
    ]);
    expect(sortPage(page, { column: 'name', desc: true }).map((w) => w.workflowId)).toEqual([
      'b',
      'd',
      'c',
      'a',
    ]);
  });

  it('sorts internal queues as no queue', () => {
    expect(sortPage(page, { column: 'queue', desc: false }).map((w) => w.workflowId)).toEqual([
      'd',
      'a',
      'b',
      'c',
    ]);
  });
});

describe('visibleQueueName', () => {
  it('hides the executors’ internal queues', () => {
    expect(visibleQueueName('_podium_internal_queue')).toBeNull();
    expect(visibleQueueName('_dbos_internal_queue')).toBeNull();
    expect(visibleQueueName('media')).toBe('media');
    expect(visibleQueueName(null)).toBeNull();
  });
});

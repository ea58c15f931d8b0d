import { WorkflowSchema } from '@podium/protocol';
import { describe, expect, it } from 'vitest';
import {
  ERROR_SUMMARY_MAX_CHARS,
  mapLastKnownWorkflow,
  summarizeError,
  toLastKnownRow,
} from './last-known.mapper';
import { mapWorkflow } from '../workflow.mapper';

const reported = mapWorkflow({
  WorkflowUUID: 'wf-1',
  Status: 'ERROR',
  WorkflowName: 'charge',
  QueueName: 'payments',
  ExecutorID: 'exec-1',
  ApplicationVersion: 'v7',
  AuthenticatedUser: 'alice',
  Input: "[ 'card 4242' ]",
  Output: "'secret'",
  Error: 'declined',
  CreatedAt: '1795317915934',
  UpdatedAt: '1795317916934',
});

describe('the last-known mapper', () => {
  it('keeps metadata only, and reads back a valid workflow with the rest null', () => {
    const seenAt = new Date('2026-12-04T10:00:00Z');
    const row = toLastKnownRow(reported, seenAt);
    if (!row) throw new Error('a storable workflow id gives a row');
    expect(JSON.stringify(row)).not.toMatch(/4242|secret|alice/);
    const workflow = mapLastKnownWorkflow(row);
    expect(WorkflowSchema.parse(workflow)).toEqual(workflow);
    expect(workflow).toMatchObject({
      workflowId: 'wf-1',
      status: 'ERROR',
      workflowName: 'charge',
      queueName: 'payments',
      executorId: 'exec-1',
      appVersion: 'v7',
      error: 'declined',
      createdAt: reported.createdAt,
      updatedAt: reported.updatedAt,
      input: null,
      output: null,
      user: null,
    });
  });

  it('keeps text PostgreSQL cannot store with U+FFFD in place, and no row for such an id', () => {
    const seenAt = new Date();
    const row = toLastKnownRow(
      { ...reported, workflowName: 'ch\u0000arge', error: 'x\ud800' },
      seenAt,
    );
    expect(row).toMatchObject({ name: 'ch\uFFFDarge', errorSummary: 'x\uFFFD' });
    expect(toLastKnownRow({ ...reported, workflowId: 'wf\u0000' }, seenAt)).toBeNull();
  });

  it('shortens long errors, never splitting a surrogate pair', () => {
    expect(summarizeError(null)).toBeNull();
    expect(summarizeError('short')).toBe('short');
    const long = summarizeError('e'.repeat(5_000));
    expect(long).toHaveLength(ERROR_SUMMARY_MAX_CHARS);
    expect(long?.endsWith('…')).toBe(true);
    const emoji = summarizeError(`${'e'.repeat(ERROR_SUMMARY_MAX_CHARS - 2)}😀😀😀`) ?? '';
    // The cut lands inside the first 😀: it is left out whole, no lone high surrogate stays.
    expect(emoji.slice(0, -1)).not.toMatch(/[\uD800-\uDBFF]$/);
    expect(emoji.endsWith('e…')).toBe(true);
  });
});

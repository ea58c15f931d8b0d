/**
 * Where a new workflow goes: run here at once (PENDING), wait on a queue (ENQUEUED), or wait
 * for its delay first (DELAYED), with its queue options checked as DBOS checks them: the
 * options of an enqueue (`deduplicationId`, `queuePartitionKey`, `delayMs`, `delayUntil`) are
 * refused without a queue, and a partition key is required on a partitioned queue and refused
 * on any other. Pure, apart from reading the clock.
 */
import { InvalidOperationError } from '../errors';
import type { DelayOptions, StartOptions } from '../types';
import type { Registry } from './registry';
import type { NewWorkflow } from './storage/storage';

export type Placement = Pick<
  NewWorkflow,
  'status' | 'queueName' | 'deduplicationId' | 'queuePartitionKey' | 'delayUntilEpochMs'
>;

const ENQUEUE_ONLY = ['deduplicationId', 'queuePartitionKey', 'delayMs', 'delayUntil'] as const;

export function placeWorkflow(options: StartOptions, registry: Registry): Placement {
  const { queueName, deduplicationId, queuePartitionKey } = options;
  if (queueName === undefined) {
    const given = ENQUEUE_ONLY.filter((name) => options[name] !== undefined);
    if (given.length > 0) {
      throw new InvalidOperationError(
        `${given.join(', ')} only apply to a workflow started on a queue (give a queueName)`,
      );
    }
  }
  registry.assertPlacement(queueName, queuePartitionKey);
  if (deduplicationId !== undefined && (typeof deduplicationId !== 'string' || !deduplicationId)) {
    throw new InvalidOperationError('deduplicationId must be a non-empty string');
  }
  if (queueName === undefined) {
    return {
      status: 'PENDING',
      queueName: null,
      deduplicationId: null,
      queuePartitionKey: null,
      delayUntilEpochMs: null,
    };
  }
  const delayUntil = delayUntilEpochMs(options);
  const delayed = delayUntil !== null && delayUntil > Date.now();
  return {
    status: delayed ? 'DELAYED' : 'ENQUEUED',
    queueName,
    deduplicationId: deduplicationId ?? null,
    queuePartitionKey: queuePartitionKey ?? null,
    delayUntilEpochMs: delayed ? delayUntil : null,
  };
}

/** The end of the delay asked for (epoch ms), or null without one. */
export function delayUntilEpochMs({ delayMs, delayUntil }: DelayOptions): number | null {
  if (delayMs !== undefined && delayUntil !== undefined) {
    throw new InvalidOperationError('give delayMs or delayUntil, not both');
  }
  if (delayMs !== undefined) {
    if (!(typeof delayMs === 'number' && Number.isFinite(delayMs) && delayMs >= 0)) {
      throw new InvalidOperationError('delayMs must be a non-negative number of milliseconds');
    }
    return Math.ceil(Date.now() + delayMs);
  }
  if (delayUntil !== undefined) {
    const epochMs = delayUntil instanceof Date ? delayUntil.getTime() : delayUntil;
    if (!(typeof epochMs === 'number' && Number.isFinite(epochMs))) {
      throw new InvalidOperationError('delayUntil must be a valid Date or epoch milliseconds');
    }
    return Math.ceil(epochMs);
  }
  return null;
}

/**
 * The claim of a partitioned queue (part of `SqlQueues`, run inside its transaction, under its
 * per-queue advisory lock, after the queue-wide limits have bounded `limit`).
 *
 * One statement ranks the queue's ENQUEUED workflows within their partition (priority, then
 * age), counts each partition's running workflows (everywhere and on this executor) and, with
 * a partition rate limit, its starts in the current window, and claims the lowest-ranked
 * workflows every partition still has room for, oldest and most urgent first across
 * partitions. Workflows without a partition key (moved onto the queue by a resume) form one
 * partition of their own rather than being stranded.
 *
 * The ranking reads the queue's whole backlog (a window function); DBOS walks partition keys
 * through an index instead. Partitioned queues are not on the hot path of unpartitioned ones.
 */
import type { Queryable } from './driver';
import { NOW_MS, periodMs, type Row, workflowColumns } from './rows';
import type { ExecutorScope, QueueLimits } from './storage';

export interface PartitionClaimRequest {
  scope: ExecutorScope;
  workflowNames: string[];
  queue: QueueLimits;
  /** At most this many (what the queue-wide limits leave). */
  limit: number;
}

export interface PartitionClaim {
  rows: Row[];
  /**
   * With a partition rate limit that held back a partition with work waiting: ms until the
   * soonest such window has room. Null otherwise.
   */
  nextSlotInMs: number | null;
}

export async function claimPartitioned(
  tx: Queryable,
  table: string,
  { scope, workflowNames, queue, limit }: PartitionClaimRequest,
): Promise<PartitionClaim> {
  const params: unknown[] = [];
  const bind = (value: unknown): string => {
    params.push(value);
    return `$${params.length}`;
  };
  const executor = bind(scope.executorId);
  const version = bind(scope.applicationVersion);
  const app = bind(scope.applicationName);
  const name = bind(queue.name);
  const ofQueue = `queue_name = ${name} AND application_name = ${app}`;
  const rate = queue.partitionRateLimit;
  const period = rate === undefined ? undefined : bind(periodMs(rate));
  // LEAST ignores NULLs: a limit not set does not bound the partition.
  const room = [
    `${bind(queue.partitionConcurrency ?? null)}::bigint - COALESCE(ru.everywhere, 0)`,
    `${bind(queue.partitionWorkerConcurrency ?? null)}::bigint - COALESCE(ru.here, 0)`,
    rate === undefined
      ? undefined
      : `${bind(rate.limitPerPeriod)}::bigint - COALESCE(st.starts, 0)`,
  ].filter((term) => term !== undefined);
  const rows = await tx.query<Row>(
    `WITH running AS (
       SELECT queue_partition_key AS pk, count(*) AS everywhere,
         count(*) FILTER (WHERE executor_id = ${executor}) AS here
       FROM ${table} WHERE status = 'PENDING' AND ${ofQueue}
       GROUP BY queue_partition_key),
     ${
       period === undefined
         ? ''
         : `started AS (
       SELECT queue_partition_key AS pk, count(*) AS starts
       FROM ${table} WHERE ${ofQueue} AND started_at > ${NOW_MS} - ${period}::bigint
       GROUP BY queue_partition_key),`
     }
     ranked AS (
       SELECT workflow_id, queue_partition_key AS pk, priority, created_at,
         row_number() OVER (PARTITION BY queue_partition_key
           ORDER BY priority, created_at, workflow_id) AS rank
       FROM ${table}
       WHERE status = 'ENQUEUED' AND ${ofQueue}
         AND (application_version IS NULL OR application_version = ${version})
         AND name = ANY(${bind(workflowNames)}::text[])),
     picked AS (
       SELECT r.workflow_id FROM ranked r
       LEFT JOIN running ru ON ru.pk IS NOT DISTINCT FROM r.pk
       ${period === undefined ? '' : 'LEFT JOIN started st ON st.pk IS NOT DISTINCT FROM r.pk'}
       WHERE r.rank <= LEAST(${room.join(', ')})
       ORDER BY r.priority, r.created_at, r.workflow_id
       LIMIT ${bind(limit)})
     UPDATE ${table} SET status = 'PENDING', executor_id = ${executor},
       application_version = ${version}, generation = generation + 1,
       started_at = ${NOW_MS}, updated_at = ${NOW_MS},
       workflow_deadline_epoch_ms = COALESCE(workflow_deadline_epoch_ms,
         ${NOW_MS} + workflow_timeout_ms)
     WHERE workflow_id IN (SELECT workflow_id FROM picked) AND status = 'ENQUEUED'
     RETURNING ${workflowColumns()}`,
    params,
  );
  const nextSlotInMs =
    rate === undefined ? null : await soonestPartitionSlot(tx, table, scope, queue.name, rate);
  return { rows, nextSlotInMs };
}

/**
 * Among partitions whose window is full and that still have work waiting, the ms until the
 * first of them has room again (its oldest start in the window leaves it).
 */
async function soonestPartitionSlot(
  tx: Queryable,
  table: string,
  scope: ExecutorScope,
  queueName: string,
  rate: NonNullable<QueueLimits['partitionRateLimit']>,
): Promise<number | null> {
  const [row] = await tx.query<Row>(
    `SELECT min(w.oldest) + $3::bigint - ${NOW_MS} AS frees_in_ms FROM (
       SELECT queue_partition_key AS pk, count(*) AS starts, min(started_at) AS oldest
       FROM ${table}
       WHERE queue_name = $1 AND application_name = $2 AND started_at > ${NOW_MS} - $3::bigint
       GROUP BY queue_partition_key) w
     WHERE w.starts >= $4 AND EXISTS (
       SELECT 1 FROM ${table} e
       WHERE e.status = 'ENQUEUED' AND e.queue_name = $1 AND e.application_name = $2
         AND e.queue_partition_key IS NOT DISTINCT FROM w.pk)`,
    [queueName, scope.applicationName, periodMs(rate), rate.limitPerPeriod],
  );
  const frees = row?.frees_in_ms;
  return frees === null || frees === undefined ? null : Math.max(0, Number(frees));
}

/**
 * SQL for dequeueing (part of `SqlStorage`).
 *
 * Invariant: a queue's limits hold across processes. Claims on a limited queue run in one
 * transaction holding an advisory lock for that queue, so two dequeuers never both see the
 * same free slot; unlimited queues rely on SKIP LOCKED alone to take disjoint rows (the hot
 * path: one statement, no transaction).
 *
 * Versions: a workflow is claimed by executors of its version; one enqueued without a version
 * only by executors of the application's latest version (as DBOS).
 *
 * Rate limit: a start is a row's `started_at` (database clock, written by the claim). Under the
 * lock, a claim counts the queue's starts in (now − period, ∞) and adds at most
 * `limitPerPeriod` minus that many, all stamped `now`. Every window of one period that holds
 * `now` lies inside (now − period, ∞), so no such window ever holds more than the limit, even
 * when a transaction's `now` (its start) is older than rows a later-started one committed
 * first. Requeued and resumed workflows lose their `started_at`, so only their next start
 * counts; restarts by local recovery re-stamp it and count too.
 *
 * Partitioned queues (any `partition*` limit) claim under the same lock, in one statement
 * that applies the partition limits to each partition (see sql-partitions). Delayed starts
 * are DELAYED rows that `promoteDelayed` moves to ENQUEUED once due; claims never see them.
 */
import type { Queryable } from './driver';
import { mapWorkflow, NOW_MS, periodMs, type Row, workflowColumns } from './rows';
import type { ClaimResult, DelayedPromotion, ExecutorScope, QueueLimits } from './storage';
import { isPartitioned, type QueueRateLimit } from '../../types';
import { claimPartitioned, type PartitionClaim } from './sql-partitions';
import { SqlPart } from './sql-part';
import { latestVersionSql } from './sql-versions';

/** Starts of a queue inside its current rate-limit window, counted up to the limit. */
interface Window {
  starts: number;
  /** With `starts` at the limit: ms until the oldest of them leaves the window. */
  freesInMs: number;
}

export class SqlQueues extends SqlPart {
  async claimEnqueued(
    scope: ExecutorScope,
    workflowNames: string[],
    queue: QueueLimits,
    limit: number,
  ): Promise<ClaimResult> {
    const limited =
      queue.concurrency !== undefined ||
      queue.workerConcurrency !== undefined ||
      queue.rateLimit !== undefined ||
      isPartitioned(queue);
    if (!limited) {
      const rows = await this.claim(this.driver, scope, workflowNames, queue.name, limit);
      return { records: sorted(rows), nextSlotInMs: null };
    }
    return this.driver.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
        `podium.queue:${this.schema}:${scope.applicationName}:${queue.name}`,
      ]);
      const wanted = Math.min(limit, await this.freeSlots(tx, scope, queue));
      if (wanted <= 0) return { records: [], nextSlotInMs: null };
      const claim = (n: number): Promise<PartitionClaim> =>
        isPartitioned(queue)
          ? claimPartitioned(tx, this.ws, { scope, workflowNames, queue, limit: n })
          : this.claim(tx, scope, workflowNames, queue.name, n).then((rows) => ({
              rows,
              nextSlotInMs: null,
            }));
      const rate = queue.rateLimit;
      if (rate === undefined) {
        const { rows, nextSlotInMs } = await claim(wanted);
        return { records: sorted(rows), nextSlotInMs };
      }
      const before = await this.window(tx, scope, queue.name, rate);
      const allowed = rate.limitPerPeriod - before.starts;
      if (allowed <= 0) return { records: [], nextSlotInMs: before.freesInMs };
      const take = Math.min(wanted, allowed);
      const { rows, nextSlotInMs: partitionSlotInMs } = await claim(take);
      // Only when the rate limit capped this claim (and the queue may hold more) does the
      // dequeuer need to know when the window next has room.
      let nextSlotInMs = partitionSlotInMs;
      if (take === allowed && rows.length === take) {
        const after = await this.window(tx, scope, queue.name, rate);
        if (after.starts >= rate.limitPerPeriod) {
          nextSlotInMs = Math.min(nextSlotInMs ?? Infinity, after.freesInMs);
        }
      }
      return { records: sorted(rows), nextSlotInMs };
    });
  }

  /**
   * One statement: moves this application's DELAYED workflows that are due to ENQUEUED and
   * says when the next one is due. The subquery reads the snapshot before the update, so the
   * rows it moves (due by now) are left out by the `> now` bound.
   */
  async promoteDelayed(applicationName: string): Promise<DelayedPromotion> {
    const [row] = await this.driver.query<Row>(
      `WITH due AS (
         UPDATE ${this.ws} SET status = 'ENQUEUED', updated_at = ${NOW_MS}
         WHERE status = 'DELAYED' AND application_name = $1
           AND delay_until_epoch_ms <= ${NOW_MS}
         RETURNING workflow_id)
       SELECT (SELECT count(*) FROM due) AS promoted,
         (SELECT min(delay_until_epoch_ms) - ${NOW_MS} FROM ${this.ws}
          WHERE status = 'DELAYED' AND application_name = $1
            AND delay_until_epoch_ms > ${NOW_MS}) AS next_due_in_ms`,
      [applicationName],
    );
    const next = row?.next_due_in_ms;
    return {
      promoted: Number(row?.promoted ?? 0),
      // At least 1 ms: the clock may round a due time down, and the next poll would spin.
      nextDueInMs: next === null || next === undefined ? null : Math.max(1, Number(next)),
    };
  }

  /** The unfinished workflow holding a deduplication id on a queue, if any. */
  async deduplicationHolder(queueName: string, deduplicationId: string): Promise<string | null> {
    const [row] = await this.driver.query<Row>(
      `SELECT workflow_id FROM ${this.ws} WHERE queue_name = $1 AND deduplication_id = $2`,
      [queueName, deduplicationId],
    );
    return row === undefined ? null : String(row.workflow_id);
  }

  /** Free slots under the concurrency limits (Infinity without them). */
  private async freeSlots(
    tx: Queryable,
    scope: ExecutorScope,
    queue: QueueLimits,
  ): Promise<number> {
    if (queue.concurrency === undefined && queue.workerConcurrency === undefined) return Infinity;
    const [counts] = await tx.query<Row>(
      `SELECT count(*) AS everywhere, count(*) FILTER (WHERE executor_id = $3) AS here
       FROM ${this.ws}
       WHERE status = 'PENDING' AND queue_name = $1 AND application_name = $2`,
      [queue.name, scope.applicationName, scope.executorId],
    );
    const everywhere = Number(counts?.everywhere ?? 0);
    const here = Number(counts?.here ?? 0);
    return Math.min(
      queue.concurrency === undefined ? Infinity : queue.concurrency - everywhere,
      queue.workerConcurrency === undefined ? Infinity : queue.workerConcurrency - here,
    );
  }

  /**
   * The newest `limitPerPeriod` starts inside the window (index range scan, newest first).
   * The window has room again once the oldest of them is `periodSec` old.
   */
  private async window(
    tx: Queryable,
    scope: ExecutorScope,
    queueName: string,
    rate: QueueRateLimit,
  ): Promise<Window> {
    const [row] = await tx.query<Row>(
      `WITH recent AS (
         SELECT started_at FROM ${this.ws}
         WHERE queue_name = $1 AND application_name = $2
           AND started_at > ${NOW_MS} - $3::bigint
         ORDER BY started_at DESC
         LIMIT $4)
       SELECT count(*) AS starts, min(started_at) - (${NOW_MS} - $3::bigint) AS frees_in_ms
       FROM recent`,
      [queueName, scope.applicationName, periodMs(rate), rate.limitPerPeriod],
    );
    return { starts: Number(row?.starts ?? 0), freesInMs: Number(row?.frees_in_ms ?? 0) };
  }

  private claim(
    db: Queryable,
    scope: ExecutorScope,
    workflowNames: string[],
    queueName: string,
    limit: number,
  ): Promise<Row[]> {
    // SKIP LOCKED lets concurrent dequeuers in other processes take disjoint rows.
    return db.query<Row>(
      `UPDATE ${this.ws} SET status = 'PENDING', executor_id = $1, application_version = $2,
         generation = generation + 1, started_at = ${NOW_MS}, updated_at = ${NOW_MS},
         workflow_deadline_epoch_ms = COALESCE(workflow_deadline_epoch_ms,
           ${NOW_MS} + workflow_timeout_ms)
       WHERE workflow_id IN (
         SELECT workflow_id FROM ${this.ws}
         WHERE status = 'ENQUEUED' AND queue_name = $6 AND application_name = $3
           AND (application_version = $2 OR (application_version IS NULL
             AND $2 = COALESCE(${latestVersionSql(this.versionTable, '$3')}, $2)))
           AND name = ANY($4::text[])
         ORDER BY priority, created_at, workflow_id
         LIMIT $5
         FOR UPDATE SKIP LOCKED)
       RETURNING ${workflowColumns()}`,
      [
        scope.executorId,
        scope.applicationVersion,
        scope.applicationName,
        workflowNames,
        limit,
        queueName,
      ],
    );
  }
}

const sorted = (rows: Row[]) => rows.map(mapWorkflow).sort((a, b) => a.createdAt - b.createdAt);

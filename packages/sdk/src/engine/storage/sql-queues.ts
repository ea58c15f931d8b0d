/**
 * SQL for dequeueing (part of `SqlStorage`).
 *
 * Invariant: a queue's limits hold across processes. Claims on a limited queue run in one
 * transaction holding an advisory lock for that queue, so two dequeuers never both see the
 * same free slot; unlimited queues rely on SKIP LOCKED alone to take disjoint rows.
 */
import type { Queryable, SqlDriver } from './driver';
import { mapWorkflow, NOW_MS, type Row, workflowColumns } from './rows';
import type { ExecutorScope, QueueLimits, WorkflowRecord } from './storage';

export class SqlQueues {
  private readonly ws: string;

  constructor(
    private readonly driver: SqlDriver,
    private readonly schema: string,
  ) {
    this.ws = `${schema}.workflow_status`;
  }

  async claimEnqueued(
    scope: ExecutorScope,
    workflowNames: string[],
    queue: QueueLimits,
    limit: number,
  ): Promise<WorkflowRecord[]> {
    const limited = queue.concurrency !== undefined || queue.workerConcurrency !== undefined;
    const rows = limited
      ? await this.driver.transaction(async (tx) => {
          await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
            `podium.queue:${this.schema}:${scope.applicationName}:${queue.name}`,
          ]);
          const free = await this.freeSlots(tx, scope, queue);
          return free <= 0
            ? []
            : this.claim(tx, scope, workflowNames, queue.name, Math.min(limit, free));
        })
      : await this.claim(this.driver, scope, workflowNames, queue.name, limit);
    return rows.map(mapWorkflow).sort((a, b) => a.createdAt - b.createdAt);
  }

  private async freeSlots(
    tx: Queryable,
    scope: ExecutorScope,
    queue: QueueLimits,
  ): Promise<number> {
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
           AND (application_version IS NULL OR application_version = $2)
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

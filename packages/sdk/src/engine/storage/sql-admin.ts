/**
 * SQL for operator queries (part of `SqlStorage`): workflow trees, retention and metrics.
 * Everything is scoped to one application, except trees, which follow parent links.
 *
 * Invariant: garbage collection never deletes an active (PENDING, ENQUEUED, DELAYED)
 * workflow: it deletes by `completed_at`, which only finished (and cancelled, given-up)
 * workflows have, and resume clears. Deleting a workflow deletes its steps, messages and
 * events (foreign keys cascade). One round at a time per application, across processes: a
 * session-scoped advisory lock, released with the connection if the process dies.
 */
import type { Queryable } from './driver';
import { ACTIVE_STATUSES, END_NOW, type Row } from './rows';
import type { AdminStorage, GarbageCollection, NameCount } from './storage';
import { SqlPart } from './sql-part';

export class SqlAdmin extends SqlPart implements AdminStorage {
  async findDescendants(workflowId: string): Promise<string[]> {
    const rows = await this.driver.query<Row>(
      `WITH RECURSIVE tree AS (
         SELECT workflow_id FROM ${this.ws} WHERE parent_workflow_id = $1
         UNION
         SELECT w.workflow_id FROM ${this.ws} w JOIN tree t ON w.parent_workflow_id = t.workflow_id)
       SELECT workflow_id FROM tree`,
      [workflowId],
    );
    return rows.map((row) => String(row.workflow_id));
  }

  async garbageCollect(appName: string, request: GarbageCollection): Promise<number | null> {
    const lock = `podium.retention:${this.schema}:${appName}`;
    return this.driver.session(async (db) => {
      const [row] = await db.query<Row>('SELECT pg_try_advisory_lock(hashtext($1)) AS locked', [
        lock,
      ]);
      if (row?.locked !== true) return null;
      try {
        return await this.collect(db, appName, request);
      } finally {
        await db.query('SELECT pg_advisory_unlock(hashtext($1))', [lock]);
      }
    });
  }

  /**
   * DBOS 5's garbage collection, on this application's workflows, but for a finished child whose
   * parent may still run (active, or cancelled or given up, which a resume runs again): the
   * parent's replay reads the child's result. Once the parent is SUCCESS, ERROR or gone, it goes.
   */
  private async collect(
    db: Queryable,
    appName: string,
    request: GarbageCollection,
  ): Promise<number> {
    let cutoff = request.cutoffEpochMs;
    if (request.rowsThreshold !== undefined) {
      const [row] = await db.query<Row>(
        `SELECT completed_at FROM ${this.ws}
         WHERE application_name = $1 AND completed_at IS NOT NULL
         ORDER BY completed_at DESC OFFSET $2 LIMIT 1`,
        [appName, request.rowsThreshold - 1],
      );
      // Fewer completed workflows than the threshold: nothing to delete on that account.
      if (row !== undefined) cutoff = Math.max(cutoff ?? -Infinity, Number(row.completed_at));
    }
    if (cutoff === undefined) return 0;
    let deleted = 0;
    while (!request.stopped()) {
      const [row] = await db.query<Row>(
        `WITH gone AS (
           DELETE FROM ${this.ws} WHERE workflow_id IN (
             SELECT w.workflow_id FROM ${this.ws} w
             WHERE w.application_name = $1 AND w.completed_at < $2
               AND NOT EXISTS (SELECT 1 FROM ${this.ws} p
                 WHERE p.workflow_id = w.parent_workflow_id
                   AND p.status NOT IN ('SUCCESS', 'ERROR'))
             LIMIT $3)
           RETURNING 1)
         SELECT count(*) AS deleted FROM gone`,
        [appName, cutoff, request.batchSize],
      );
      const batch = Number(row?.deleted ?? 0);
      deleted += batch;
      if (batch < request.batchSize) break;
    }
    return deleted;
  }

  async cancelCreatedBefore(appName: string, cutoffEpochMs: number): Promise<string[]> {
    const rows = await this.driver.query<Row>(
      `UPDATE ${this.ws} SET status = 'CANCELLED', ${END_NOW}
       WHERE application_name = $1 AND created_at <= $2 AND status IN ${ACTIVE_STATUSES}
       RETURNING workflow_id`,
      [appName, cutoffEpochMs],
    );
    return rows.map((row) => String(row.workflow_id));
  }

  async countByName(
    appName: string,
    startEpochMs: number,
    endEpochMs: number,
  ): Promise<{ workflows: NameCount[]; steps: NameCount[] }> {
    const workflows = await this.driver.query<Row>(
      `SELECT name, count(*) AS count FROM ${this.ws}
       WHERE application_name = $1 AND created_at >= $2 AND created_at < $3
       GROUP BY name ORDER BY name`,
      [appName, startEpochMs, endEpochMs],
    );
    const steps = await this.driver.query<Row>(
      `SELECT o.function_name AS name, count(*) AS count
       FROM ${this.ops} o JOIN ${this.ws} w ON w.workflow_id = o.workflow_id
       WHERE w.application_name = $1 AND o.completed_at >= $2 AND o.completed_at < $3
       GROUP BY o.function_name ORDER BY o.function_name`,
      [appName, startEpochMs, endEpochMs],
    );
    const toCounts = (rows: Row[]): NameCount[] =>
      rows.map((row) => ({ name: String(row.name), count: Number(row.count) }));
    return { workflows: toCounts(workflows), steps: toCounts(steps) };
  }
}

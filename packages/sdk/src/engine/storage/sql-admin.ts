/**
 * SQL for operator queries (part of `SqlStorage`): workflow trees, retention and metrics.
 * Everything is scoped to one application, except trees, which follow parent links.
 *
 * Invariant: garbage collection never deletes an active (PENDING, ENQUEUED, DELAYED)
 * workflow; deleting a workflow deletes its steps, messages and events (foreign keys cascade).
 */
import { ACTIVE_STATUSES, NOW_MS, type Row } from './rows';
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

  async garbageCollect(appName: string, request: GarbageCollection): Promise<number> {
    let cutoff = request.cutoffEpochMs;
    if (request.rowsThreshold !== undefined) {
      const [row] = await this.driver.query<Row>(
        `SELECT created_at FROM ${this.ws} WHERE application_name = $1
         ORDER BY created_at DESC OFFSET $2 LIMIT 1`,
        [appName, Math.max(0, request.rowsThreshold - 1)],
      );
      // Fewer rows than the threshold: nothing to delete on that account.
      if (row !== undefined) cutoff = Math.max(cutoff ?? 0, Number(row.created_at));
    }
    if (cutoff === undefined) return 0;
    let deleted = 0;
    for (;;) {
      const rows = await this.driver.query<Row>(
        `DELETE FROM ${this.ws} WHERE workflow_id IN (
           SELECT workflow_id FROM ${this.ws}
           WHERE application_name = $1 AND created_at < $2 AND status NOT IN ${ACTIVE_STATUSES}
           LIMIT $3)
         RETURNING workflow_id`,
        [appName, cutoff, request.batchSize],
      );
      deleted += rows.length;
      if (rows.length < request.batchSize) return deleted;
    }
  }

  async cancelCreatedBefore(appName: string, cutoffEpochMs: number): Promise<string[]> {
    const rows = await this.driver.query<Row>(
      `UPDATE ${this.ws} SET status = 'CANCELLED', updated_at = ${NOW_MS}
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

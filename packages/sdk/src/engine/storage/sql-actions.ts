/**
 * SQL for operator actions (part of `SqlStorage`): cancel, resume, delete, fork, and moving
 * a delayed start. Status
 * guards make cancel and resume no-ops on workflows in the wrong state; callers get the status
 * afterwards (or the resumed generations, or the deleted ids) to act on executions running in
 * this process.
 */
import type { WorkflowStatusType } from '../../types';
import { ACTIVE_STATUSES, END_NOW, mapWorkflow, NOW_MS, type Row, workflowColumns } from './rows';
import type { ForkRequest, ResumeResult, WorkflowRecord } from './storage';
import type { Queryable } from './driver';
import { SqlPart } from './sql-part';

export class SqlActions extends SqlPart {
  async cancelWorkflow(workflowId: string): Promise<WorkflowStatusType | null> {
    await this.driver.query(
      `UPDATE ${this.ws} SET status = 'CANCELLED', ${END_NOW}
       WHERE workflow_id = $1 AND status IN ${ACTIVE_STATUSES}`,
      [workflowId],
    );
    return this.statusOf(workflowId);
  }

  async expireWorkflow(
    workflowId: string,
    generation: number,
    deadlineEpochMs: number,
  ): Promise<boolean> {
    const rows = await this.driver.query<Row>(
      `UPDATE ${this.ws} SET status = 'CANCELLED', ${END_NOW}
       WHERE workflow_id = $1 AND generation = $2 AND workflow_deadline_epoch_ms = $3
         AND status IN ${ACTIVE_STATUSES}
       RETURNING workflow_id`,
      [workflowId, generation, deadlineEpochMs],
    );
    return rows.length > 0;
  }

  /** DBOS `setWorkflowDelay`: only a DELAYED workflow's delay moves. */
  async setDelay(
    workflowId: string,
    delayUntilEpochMs: number,
  ): Promise<WorkflowStatusType | null> {
    await this.driver.query(
      `UPDATE ${this.ws} SET delay_until_epoch_ms = $2, updated_at = ${NOW_MS}
       WHERE workflow_id = $1 AND status = 'DELAYED'`,
      [workflowId, delayUntilEpochMs],
    );
    return this.statusOf(workflowId);
  }

  /**
   * DBOS `resumeWorkflows`, in one transaction: any id missing, and nothing changes. Otherwise
   * every workflow that has not finished (neither SUCCESS nor ERROR) becomes ENQUEUED on
   * `queueName`, with no recovery attempts, no deadline (the next dequeue sets a new one), no
   * deduplication id and no start or completion time; it keeps its last executor id, as in
   * DBOS, until a claim restamps it. The generation is unchanged: the next claim moves it on.
   */
  async resumeWorkflows(workflowIds: string[], queueName: string): Promise<ResumeResult> {
    return this.driver.transaction(async (tx) => {
      const found = await tx.query<Row>(
        `SELECT workflow_id FROM ${this.ws} WHERE workflow_id = ANY($1::text[])`,
        [workflowIds],
      );
      const existing = new Set(found.map((row) => String(row.workflow_id)));
      const missing = workflowIds.filter((id) => !existing.has(id));
      if (missing.length > 0) return { missing, resumed: [] };
      const rows = await tx.query<Row>(
        `UPDATE ${this.ws} SET status = 'ENQUEUED', queue_name = $2,
           recovery_attempts = 0, workflow_deadline_epoch_ms = NULL, deduplication_id = NULL,
           started_at = NULL, completed_at = NULL, updated_at = ${NOW_MS}
         WHERE workflow_id = ANY($1::text[]) AND status NOT IN ('SUCCESS', 'ERROR')
         RETURNING workflow_id, generation`,
        [workflowIds, queueName],
      );
      const resumed = rows.map((row) => ({
        workflowId: String(row.workflow_id),
        generation: Number(row.generation),
      }));
      return { missing: [], resumed };
    });
  }

  async deleteWorkflow(workflowId: string, deleteChildren: boolean): Promise<string[]> {
    const rows = await this.driver.query<Row>(
      deleteChildren
        ? `WITH RECURSIVE tree AS (
             SELECT workflow_id FROM ${this.ws} WHERE workflow_id = $1
             UNION
             SELECT w.workflow_id FROM ${this.ws} w JOIN tree t ON w.parent_workflow_id = t.workflow_id)
           DELETE FROM ${this.ws} WHERE workflow_id IN (SELECT workflow_id FROM tree)
           RETURNING workflow_id`
        : `DELETE FROM ${this.ws} WHERE workflow_id = $1 RETURNING workflow_id`,
      [workflowId],
    );
    return rows.map((row) => String(row.workflow_id));
  }

  async forkWorkflow(request: ForkRequest): Promise<WorkflowRecord> {
    return this.driver.transaction(async (tx) => {
      const rows = await tx.query<Row>(
        `INSERT INTO ${this.ws} (workflow_id, name, status, input, application_version,
           application_name, queue_name, queue_partition_key, authenticated_user, forked_from,
           priority, created_at, updated_at)
         SELECT $2, name, 'ENQUEUED', input, COALESCE($3, application_version), application_name,
           $4, $5, authenticated_user, workflow_id, priority, ${NOW_MS}, ${NOW_MS}
         FROM ${this.ws} WHERE workflow_id = $1
         RETURNING ${workflowColumns()}`,
        [
          request.workflowId,
          request.newWorkflowId,
          request.applicationVersion ?? null,
          request.queueName,
          request.queuePartitionKey,
        ],
      );
      if (rows[0] === undefined) throw new Error(`workflow ${request.workflowId} not found`);
      await tx.query(
        `INSERT INTO ${this.ops} (workflow_id, function_id, function_name, output, error,
           child_workflow_id, started_at, completed_at)
         SELECT $2, function_id, function_name, output, error, child_workflow_id, started_at,
           completed_at
         FROM ${this.ops} WHERE workflow_id = $1 AND function_id < $3`,
        [request.workflowId, request.newWorkflowId, request.startStep],
      );
      await this.copyWrites(tx, request);
      return mapWorkflow(rows[0]);
    });
  }

  /** What the copied steps wrote: stream values, the events history, the events it yields. */
  private async copyWrites(tx: Queryable, request: ForkRequest): Promise<void> {
    const params = [request.workflowId, request.newWorkflowId, request.startStep];
    await tx.query(
      `INSERT INTO ${this.streamEntries} (workflow_id, key, "offset", value, serialization, function_id)
       SELECT $2, key, "offset", value, serialization, function_id FROM ${this.streamEntries}
       WHERE workflow_id = $1 AND function_id < $3`,
      params,
    );
    await tx.query(
      `INSERT INTO ${this.eventHistory} (workflow_id, function_id, key, value)
       SELECT $2, function_id, key, value FROM ${this.eventHistory}
       WHERE workflow_id = $1 AND function_id < $3`,
      params,
    );
    await tx.query(
      `INSERT INTO ${this.events} (workflow_id, key, value)
       SELECT workflow_id, key, value FROM (
         SELECT workflow_id, key, value,
           row_number() OVER (PARTITION BY key ORDER BY function_id DESC) AS rn
         FROM ${this.eventHistory} WHERE workflow_id = $1) latest
       WHERE rn = 1`,
      [request.newWorkflowId],
    );
  }

  private async statusOf(workflowId: string): Promise<WorkflowStatusType | null> {
    const rows = await this.driver.query<Row>(
      `SELECT status FROM ${this.ws} WHERE workflow_id = $1`,
      [workflowId],
    );
    return rows[0] === undefined ? null : (String(rows[0].status) as WorkflowStatusType);
  }
}

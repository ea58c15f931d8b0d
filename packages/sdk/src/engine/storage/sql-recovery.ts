/**
 * SQL for recovery (part of `SqlStorage`): restarting this executor's PENDING workflows,
 * handing a dead executor's back to the queues, and giving up on workflows that keep failing
 * to finish. Every restart increments `generation`, so a superseded run can no longer write.
 */
import { END_NOW, mapWorkflow, NOW_MS, type Row, workflowColumns } from './rows';
import type { ExecutorScope, WorkflowRecord } from './storage';
import { SqlPart } from './sql-part';

export class SqlRecovery extends SqlPart {
  async claimForRecovery(scope: ExecutorScope): Promise<WorkflowRecord[]> {
    const rows = await this.driver.query<Row>(
      `UPDATE ${this.ws} SET recovery_attempts = recovery_attempts + 1,
         generation = generation + 1, started_at = ${NOW_MS}, updated_at = ${NOW_MS}
       WHERE status = 'PENDING' AND executor_id = $1 AND application_version = $2
         AND application_name = $3
       RETURNING ${workflowColumns()}`,
      [scope.executorId, scope.applicationVersion, scope.applicationName],
    );
    return rows.map(mapWorkflow).sort((a, b) => a.createdAt - b.createdAt);
  }

  async markRecoveryAttemptsExceeded(workflowId: string, generation: number): Promise<void> {
    await this.driver.query(
      `UPDATE ${this.ws} SET status = 'MAX_RECOVERY_ATTEMPTS_EXCEEDED', ${END_NOW}
       WHERE workflow_id = $1 AND generation = $2 AND status = 'PENDING'`,
      [workflowId, generation],
    );
  }

  async requeuePending(
    executorIds: string[],
    scope: Omit<ExecutorScope, 'executorId'>,
    defaultQueue: string,
  ): Promise<number> {
    const rows = await this.driver.query<Row>(
      `UPDATE ${this.ws} SET status = 'ENQUEUED', queue_name = COALESCE(queue_name, $4),
         recovery_attempts = recovery_attempts + 1, started_at = NULL, updated_at = ${NOW_MS}
       WHERE status = 'PENDING' AND executor_id = ANY($1::text[])
         AND application_version = $2 AND application_name = $3
       RETURNING workflow_id`,
      [executorIds, scope.applicationVersion, scope.applicationName, defaultQueue],
    );
    return rows.length;
  }

  async existPending(scope: ExecutorScope): Promise<boolean> {
    const rows = await this.driver.query<Row>(
      `SELECT EXISTS (SELECT 1 FROM ${this.ws} WHERE status = 'PENDING' AND executor_id = $1
         AND application_version = $2 AND application_name = $3) AS exist`,
      [scope.executorId, scope.applicationVersion, scope.applicationName],
    );
    return rows[0]?.exist === true;
  }
}

/**
 * SQL for messages and events (part of `SqlStorage`). Each durable operation writes its data
 * and its step checkpoint in one transaction, which is what makes send, recv and setEvent
 * exactly-once across crashes.
 */
import type { Queryable } from './driver';
import { mapStep, NOW_MS, type Row, insertStepStatement } from './rows';
import {
  DestinationNotFound,
  type MessageStorage,
  type NewMessage,
  type NewStep,
  type StepRecord,
} from './storage';
import { SqlPart } from './sql-part';

const errorCode = (error: unknown): unknown => (error as { code?: unknown } | null)?.code;

export class SqlMessaging extends SqlPart implements MessageStorage {
  /** Inserts a step unless recorded; true if this call recorded it. */
  private async insertStep(tx: Queryable, step: NewStep): Promise<boolean> {
    const rows = await tx.query(...insertStepStatement(this.ops, step, 'function_id'));
    return rows.length > 0;
  }

  async sendMessage(message: NewMessage, step: NewStep | null): Promise<void> {
    try {
      await this.driver.transaction(async (tx) => {
        if (step !== null && !(await this.insertStep(tx, step))) return;
        await tx.query(
          `INSERT INTO ${this.notifications} (message_id, destination_id, topic, message, created_at)
           VALUES ($1, $2, $3, $4, ${NOW_MS})
           ON CONFLICT (message_id) DO NOTHING`,
          [message.messageId, message.destinationId, message.topic, message.message],
        );
      });
    } catch (error) {
      if (errorCode(error) === '23503') throw new DestinationNotFound(message.destinationId);
      throw error;
    }
  }

  async receiveMessage(
    workflowId: string,
    topic: string | null,
    step: Omit<NewStep, 'output' | 'error'>,
  ): Promise<StepRecord | null> {
    try {
      return await this.driver.transaction(async (tx) => {
        const consumed = await tx.query<Row>(
          `UPDATE ${this.notifications} SET consumed = TRUE, consumed_by_function_id = $3
           WHERE message_id = (
             SELECT message_id FROM ${this.notifications}
             WHERE destination_id = $1 AND topic IS NOT DISTINCT FROM $2 AND NOT consumed
             ORDER BY seq LIMIT 1 FOR UPDATE SKIP LOCKED)
           RETURNING message`,
          [workflowId, topic, step.functionId],
        );
        const message = consumed[0]?.message;
        if (typeof message !== 'string') return null;
        // No ON CONFLICT: if another execution recorded this step, roll the consumption back.
        const rows = await tx.query<Row>(
          `INSERT INTO ${this.ops} (workflow_id, function_id, function_name, output,
             started_at, completed_at)
           VALUES ($1, $2, $3, $4, $5, $6)
           RETURNING *`,
          [
            step.workflowId,
            step.functionId,
            step.functionName,
            message,
            step.startedAt,
            Date.now(),
          ],
        );
        return rows[0] === undefined ? null : mapStep(rows[0]);
      });
    } catch (error) {
      if (errorCode(error) !== '23505') throw error;
      const rows = await this.driver.query<Row>(
        `SELECT * FROM ${this.ops} WHERE workflow_id = $1 AND function_id = $2`,
        [step.workflowId, step.functionId],
      );
      return rows[0] === undefined ? null : mapStep(rows[0]);
    }
  }

  async setEvent(workflowId: string, key: string, value: string, step: NewStep): Promise<void> {
    await this.driver.transaction(async (tx) => {
      if (!(await this.insertStep(tx, step))) return;
      await tx.query(
        `INSERT INTO ${this.events} (workflow_id, key, value) VALUES ($1, $2, $3)
         ON CONFLICT (workflow_id, key) DO UPDATE SET value = EXCLUDED.value`,
        [workflowId, key, value],
      );
      // The history is what a rewind rolls events back with.
      await tx.query(
        `INSERT INTO ${this.eventHistory} (workflow_id, function_id, key, value)
         VALUES ($1, $2, $3, $4)`,
        [workflowId, step.functionId, key, value],
      );
    });
  }

  async getEvent(workflowId: string, key: string): Promise<string | null> {
    const rows = await this.driver.query<Row>(
      `SELECT value FROM ${this.events} WHERE workflow_id = $1 AND key = $2`,
      [workflowId, key],
    );
    const value = rows[0]?.value;
    return typeof value === 'string' ? value : null;
  }
}

/**
 * SQL for streams (part of `SqlStorage`). A value is appended at the next offset of its key in
 * the same transaction as the checkpoint of the step that wrote it, so a replay never writes it
 * twice. The same transaction NOTIFYs the schema's stream channel (delivered at commit, so a
 * woken reader sees the value): readers in any process wake without polling tight.
 */
import type { Queryable } from './driver';
import {
  isCloseMarker,
  type StreamRead,
  type StreamRow,
  type StreamStorage,
} from './history-storage';
import { insertStepStatement, type Row } from './rows';
import { SqlPart } from './sql-part';
import type { NewStep } from './storage';
import type { WorkflowStatusType } from '../../types';

/** pg_notify refuses payloads of 8000 bytes or more; longer ids are left to polling. */
const MAX_PAYLOAD_BYTES = 7_999;
/** Attempts at an offset before giving up (concurrent writes of one key only). */
const OFFSET_ATTEMPTS = 10;

const errorCode = (error: unknown): unknown => (error as { code?: unknown } | null)?.code;

export class SqlStreams extends SqlPart implements StreamStorage {
  /** NOTIFY channels are identifiers of at most 63 bytes; one per schema. */
  private readonly channel = `podium_streams_${this.schema}`.slice(0, 63);

  async writeStream(
    entry: { workflowId: string; key: string; value: string; serialization: string },
    step: NewStep,
  ): Promise<boolean> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.append(entry, step);
      } catch (error) {
        // Two writes of one key at once (`Promise.all` in a workflow) take the same offset: the
        // later one fails on the primary key, rolls back, and takes the next offset.
        if (errorCode(error) !== '23505' || attempt >= OFFSET_ATTEMPTS) throw error;
      }
    }
  }

  private append(
    entry: { workflowId: string; key: string; value: string; serialization: string },
    step: NewStep,
  ): Promise<boolean> {
    const payload = JSON.stringify([entry.workflowId, entry.key]);
    const notify = Buffer.byteLength(payload) <= MAX_PAYLOAD_BYTES;
    return this.driver.transaction(async (tx) => {
      if (!(await this.insertStep(tx, step))) return false;
      await tx.query(
        `WITH written AS (
           INSERT INTO ${this.streamEntries} (workflow_id, key, "offset", value, serialization, function_id)
           SELECT $1, $2, COALESCE(max("offset"), -1) + 1, $3, $4, $5
           FROM ${this.streamEntries} WHERE workflow_id = $1 AND key = $2
           RETURNING "offset")
         SELECT ${notify ? 'pg_notify($6, $7)' : 'NULL'} FROM written`,
        [
          entry.workflowId,
          entry.key,
          entry.value,
          entry.serialization,
          step.functionId,
          ...(notify ? [this.channel, payload] : []),
        ],
      );
      return true;
    });
  }

  async readStream(
    workflowId: string,
    key: string,
    offset: number,
    limit: number,
  ): Promise<StreamRead> {
    // One round trip for the values and the status: a LEFT JOIN keeps the status row when
    // nothing was written at or after the offset yet.
    const rows = await this.driver.query<Row>(
      `SELECT w.status, s."offset", s.value, s.serialization, s.function_id
       FROM ${this.ws} w
       LEFT JOIN LATERAL (
         SELECT "offset", value, serialization, function_id FROM ${this.streamEntries}
         WHERE workflow_id = w.workflow_id AND key = $2 AND "offset" >= $3
         ORDER BY "offset" LIMIT $4) s ON TRUE
       WHERE w.workflow_id = $1
       ORDER BY s."offset"`,
      [workflowId, key, offset, limit],
    );
    const first = rows[0];
    if (first === undefined) return { status: null, rows: [] };
    return {
      status: String(first.status) as WorkflowStatusType,
      rows: rows.filter((row) => row.offset !== null).map((row) => mapStreamRow(row, key)),
    };
  }

  async listStreams(workflowId: string): Promise<{ key: string; values: string[] }[]> {
    const rows = await this.driver.query<Row>(
      `SELECT key, "offset", value, serialization, function_id FROM ${this.streamEntries}
       WHERE workflow_id = $1 ORDER BY key, "offset"`,
      [workflowId],
    );
    const streams = new Map<string, { values: string[]; closed: boolean }>();
    for (const row of rows.map((r) => mapStreamRow(r, String(r.key)))) {
      const stream = streams.get(row.key) ?? { values: [], closed: false };
      streams.set(row.key, stream);
      // Values after a close marker (possible after a rewind) are not part of the stream.
      if (stream.closed) continue;
      if (isCloseMarker(row)) stream.closed = true;
      else stream.values.push(row.value);
    }
    return [...streams].map(([key, { values }]) => ({ key, values }));
  }

  watch(onWrite: (workflowId: string, key: string) => void): Promise<() => Promise<void>> {
    return this.driver.listen(this.channel, (payload) => {
      const parsed = parsePayload(payload);
      if (parsed !== undefined) onWrite(...parsed);
    });
  }

  private async insertStep(tx: Queryable, step: NewStep): Promise<boolean> {
    const rows = await tx.query(...insertStepStatement(this.ops, step, 'function_id'));
    return rows.length > 0;
  }
}

function mapStreamRow(row: Row, key: string): StreamRow {
  return {
    key,
    offset: Number(row.offset),
    value: String(row.value),
    serialization: String(row.serialization),
    functionId: Number(row.function_id),
  };
}

function parsePayload(payload: string): [string, string] | undefined {
  try {
    const parsed: unknown = JSON.parse(payload);
    if (Array.isArray(parsed) && typeof parsed[0] === 'string' && typeof parsed[1] === 'string') {
      return [parsed[0], parsed[1]];
    }
  } catch {
    // Not ours: another schema's writer cannot share this channel, but stay defensive.
  }
  return undefined;
}

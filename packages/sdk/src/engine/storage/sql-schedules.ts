/**
 * SQL for schedules (part of `SqlStorage`); see schedule-storage.ts for the invariants.
 *
 * Starting a tick's workflows is one statement: a source row (the schedule, locked and
 * advanced for the scheduler's ticks, merely read for triggers and backfills) joined with the
 * (id, input) pairs, inserted ENQUEUED with the application's latest version. With no source
 * row (paused, changed, deleted) nothing is inserted; concurrent firers of one tick queue on
 * the schedule's row lock and the second inserts nothing (ON CONFLICT on the workflow id).
 */
import { latestVersionSql } from './sql-versions';
import { NOW_MS, type Row } from './rows';
import type {
  ScheduleDefinition,
  ScheduleListFilter,
  ScheduleRecord,
  ScheduleStatus,
  ScheduledStarts,
  ScheduleStorage,
} from './schedule-storage';
import { SqlPart } from './sql-part';

/** The definition columns, in the order `definitionParams` binds them ($2 to $10). */
const DEFINITION = [
  'schedule_name',
  'application_name',
  'workflow_name',
  'cron',
  'cron_timezone',
  'context',
  'queue_name',
  'automatic_backfill',
  'backfill_limit',
];
/** What a change of moves `revision` on: the definition but the name and owner. */
const CHANGEABLE = DEFINITION.slice(2);

export class SqlSchedules extends SqlPart implements ScheduleStorage {
  async createSchedule(id: string, definition: ScheduleDefinition): Promise<ScheduleRecord | null> {
    const rows = await this.driver.query<Row>(
      `${this.insert()} ON CONFLICT (schedule_name) DO NOTHING RETURNING *`,
      [id, ...definitionParams(definition)],
    );
    return rows[0] === undefined ? null : mapSchedule(rows[0]);
  }

  async applySchedule(id: string, definition: ScheduleDefinition): Promise<ScheduleRecord | null> {
    const changed = `(${CHANGEABLE.map((c) => `s.${c}`).join(', ')})
      IS DISTINCT FROM (${CHANGEABLE.map((c) => `EXCLUDED.${c}`).join(', ')})`;
    const rows = await this.driver.query<Row>(
      `${this.insert()}
       ON CONFLICT (schedule_name) DO UPDATE SET
         ${CHANGEABLE.map((c) => `${c} = EXCLUDED.${c}`).join(', ')},
         revision = s.revision + CASE WHEN ${changed} THEN 1 ELSE 0 END,
         updated_at = CASE WHEN ${changed} THEN ${NOW_MS} ELSE s.updated_at END
       WHERE s.application_name = EXCLUDED.application_name
       RETURNING *`,
      [id, ...definitionParams(definition)],
    );
    return rows[0] === undefined ? null : mapSchedule(rows[0]);
  }

  async getSchedule(applicationName: string, scheduleName: string): Promise<ScheduleRecord | null> {
    const rows = await this.driver.query<Row>(
      `SELECT * FROM ${this.scheduleTable} WHERE application_name = $1 AND schedule_name = $2`,
      [applicationName, scheduleName],
    );
    return rows[0] === undefined ? null : mapSchedule(rows[0]);
  }

  async listSchedules(
    applicationName: string,
    filter: ScheduleListFilter,
  ): Promise<ScheduleRecord[]> {
    const params: unknown[] = [applicationName];
    const where = ['application_name = $1'];
    const anyOf = (column: string, values: string[] | undefined) => {
      if (values !== undefined) where.push(`${column} = ANY($${params.push(values)}::text[])`);
    };
    anyOf('status', filter.status);
    anyOf('workflow_name', filter.workflowName);
    if (filter.scheduleNamePrefix !== undefined) {
      // starts_with, not LIKE: a prefix may hold wildcards.
      const prefixes = filter.scheduleNamePrefix.map(
        (prefix) => `starts_with(schedule_name, $${params.push(prefix)})`,
      );
      where.push(`(${prefixes.join(' OR ') || 'FALSE'})`);
    }
    const rows = await this.driver.query<Row>(
      `SELECT * FROM ${this.scheduleTable} WHERE ${where.join(' AND ')} ORDER BY schedule_name`,
      params,
    );
    return rows.map(mapSchedule);
  }

  async setScheduleStatus(
    applicationName: string,
    scheduleName: string,
    status: ScheduleStatus,
  ): Promise<boolean> {
    const rows = await this.driver.query<Row>(
      `UPDATE ${this.scheduleTable} SET
         active_since = CASE WHEN status = 'PAUSED' AND $3::text = 'ACTIVE' THEN ${NOW_MS}
           ELSE active_since END,
         status = $3::text,
         updated_at = CASE WHEN status = $3::text THEN updated_at ELSE ${NOW_MS} END
       WHERE application_name = $1 AND schedule_name = $2
       RETURNING schedule_id`,
      [applicationName, scheduleName, status],
    );
    return rows.length > 0;
  }

  async deleteSchedule(applicationName: string, scheduleName: string): Promise<boolean> {
    const rows = await this.driver.query<Row>(
      `DELETE FROM ${this.scheduleTable} WHERE application_name = $1 AND schedule_name = $2
       RETURNING schedule_id`,
      [applicationName, scheduleName],
    );
    return rows.length > 0;
  }

  fireTicks(starts: ScheduledStarts, revision: number, lastTickMs: number): Promise<boolean> {
    return this.start(
      starts,
      `UPDATE ${this.scheduleTable}
       SET last_fired_at = GREATEST(COALESCE(last_fired_at, $7::bigint), $7::bigint)
       WHERE schedule_name = $1 AND application_name = $2 AND status = 'ACTIVE'
         AND revision = $8
       RETURNING workflow_name, queue_name`,
      [lastTickMs, revision],
    );
  }

  startScheduled(starts: ScheduledStarts): Promise<boolean> {
    return this.start(
      starts,
      `SELECT workflow_name, queue_name FROM ${this.scheduleTable}
       WHERE schedule_name = $1 AND application_name = $2`,
      [],
    );
  }

  /** Inserts the workflows if `source` (which binds $1, $2 and from $7 on) yields the row. */
  private async start(
    starts: ScheduledStarts,
    source: string,
    sourceParams: unknown[],
  ): Promise<boolean> {
    const [row] = await this.driver.query<Row>(
      `WITH source AS (${source}),
       started AS (
         INSERT INTO ${this.ws} (workflow_id, name, status, input, application_version,
           application_name, queue_name, schedule_name, generation, created_at, updated_at)
         SELECT tick.workflow_id, source.workflow_name, 'ENQUEUED', tick.input,
           COALESCE(${latestVersionSql(this.versionTable, '$2')}, $5),
           $2, COALESCE(source.queue_name, $6), $1, 1, ${NOW_MS}, ${NOW_MS}
         FROM source CROSS JOIN unnest($3::text[], $4::text[]) AS tick(workflow_id, input)
         ON CONFLICT (workflow_id) DO NOTHING
         RETURNING workflow_id)
       SELECT (SELECT count(*) FROM source) AS found, (SELECT count(*) FROM started) AS started`,
      [
        starts.scheduleName,
        starts.applicationName,
        starts.workflowIds,
        starts.inputs,
        starts.fallbackVersion,
        starts.defaultQueue,
        ...sourceParams,
      ],
    );
    return Number(row?.found ?? 0) > 0;
  }

  /** INSERT of a new ACTIVE schedule ($1 the id, then the definition), aliased `s`. */
  private insert(): string {
    const values = DEFINITION.map((_, i) => `$${i + 2}`).join(', ');
    return `INSERT INTO ${this.scheduleTable} AS s (schedule_id, ${DEFINITION.join(', ')},
        status, revision, active_since, created_at, updated_at)
      VALUES ($1, ${values}, 'ACTIVE', 1, ${NOW_MS}, ${NOW_MS}, ${NOW_MS})`;
  }
}

function definitionParams(d: ScheduleDefinition): unknown[] {
  return [
    d.scheduleName,
    d.applicationName,
    d.workflowName,
    d.cron,
    d.cronTimezone,
    d.context,
    d.queueName,
    d.automaticBackfill,
    d.backfillLimit,
  ];
}

const nullableNumber = (value: unknown): number | null =>
  value === null || value === undefined ? null : Number(value);
const nullableString = (value: unknown): string | null =>
  typeof value === 'string' ? value : null;

function mapSchedule(row: Row): ScheduleRecord {
  return {
    scheduleId: String(row.schedule_id),
    scheduleName: String(row.schedule_name),
    applicationName: String(row.application_name),
    workflowName: String(row.workflow_name),
    cron: String(row.cron),
    cronTimezone: nullableString(row.cron_timezone),
    context: String(row.context),
    queueName: nullableString(row.queue_name),
    automaticBackfill: row.automatic_backfill === true,
    backfillLimit: Number(row.backfill_limit),
    status: String(row.status) as ScheduleStatus,
    revision: Number(row.revision),
    activeSince: Number(row.active_since),
    lastFiredAt: nullableNumber(row.last_fired_at),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

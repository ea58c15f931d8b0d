/**
 * The SDK's own schema, as an ordered list of migrations applied at launch.
 *
 * Invariants: migrations are append-only (never edit a released one); each runs at most once
 * per schema, recorded in `<schema>.migrations`; all of them run in one transaction holding a
 * transaction-scoped advisory lock derived from the schema name, so processes starting at
 * the same time serialise here instead of racing on DDL.
 */
import type { SqlDriver } from './driver';

interface Migration {
  version: number;
  name: string;
  sql: (schema: string) => string;
}

const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial',
    sql: (s) => `
      CREATE TABLE ${s}.workflow_status (
        workflow_id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        status TEXT NOT NULL,
        input TEXT,
        output TEXT,
        error TEXT,
        executor_id TEXT,
        application_version TEXT,
        application_name TEXT NOT NULL,
        queue_name TEXT,
        authenticated_user TEXT,
        parent_workflow_id TEXT,
        forked_from TEXT,
        deduplication_id TEXT,
        priority INTEGER NOT NULL DEFAULT 0,
        workflow_timeout_ms BIGINT,
        workflow_deadline_epoch_ms BIGINT,
        recovery_attempts INTEGER NOT NULL DEFAULT 0,
        generation INTEGER NOT NULL DEFAULT 0,
        created_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL,
        started_at BIGINT,
        completed_at BIGINT
      );
      CREATE INDEX workflow_status_recovery_idx
        ON ${s}.workflow_status (status, executor_id, application_version);
      CREATE INDEX workflow_status_created_at_idx ON ${s}.workflow_status (created_at);
      CREATE INDEX workflow_status_queue_idx
        ON ${s}.workflow_status (queue_name, status) WHERE queue_name IS NOT NULL;
      CREATE INDEX workflow_status_parent_idx
        ON ${s}.workflow_status (parent_workflow_id) WHERE parent_workflow_id IS NOT NULL;
      CREATE INDEX workflow_status_forked_from_idx
        ON ${s}.workflow_status (forked_from) WHERE forked_from IS NOT NULL;
      CREATE UNIQUE INDEX workflow_status_dedup_idx
        ON ${s}.workflow_status (queue_name, deduplication_id) WHERE deduplication_id IS NOT NULL;

      CREATE TABLE ${s}.operation_outputs (
        workflow_id TEXT NOT NULL REFERENCES ${s}.workflow_status (workflow_id) ON DELETE CASCADE,
        function_id INTEGER NOT NULL,
        function_name TEXT NOT NULL,
        output TEXT,
        error TEXT,
        child_workflow_id TEXT,
        started_at BIGINT,
        completed_at BIGINT NOT NULL,
        PRIMARY KEY (workflow_id, function_id)
      );

      CREATE TABLE ${s}.notifications (
        message_id TEXT PRIMARY KEY,
        seq BIGINT GENERATED ALWAYS AS IDENTITY,
        destination_id TEXT NOT NULL REFERENCES ${s}.workflow_status (workflow_id) ON DELETE CASCADE,
        topic TEXT,
        message TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        consumed BOOLEAN NOT NULL DEFAULT FALSE
      );
      CREATE INDEX notifications_destination_idx
        ON ${s}.notifications (destination_id, topic, seq) WHERE NOT consumed;

      CREATE TABLE ${s}.workflow_events (
        workflow_id TEXT NOT NULL REFERENCES ${s}.workflow_status (workflow_id) ON DELETE CASCADE,
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        PRIMARY KEY (workflow_id, key)
      );
    `,
  },
  {
    version: 2,
    name: 'queue_starts',
    // Rate-limited dequeues count a queue's recent starts: a range scan, not the queue's history.
    sql: (s) => `
      CREATE INDEX workflow_status_queue_started_idx
        ON ${s}.workflow_status (queue_name, application_name, started_at)
        WHERE queue_name IS NOT NULL;
    `,
  },
  {
    version: 3,
    name: 'streams_and_history',
    // Streams (DBOS's table: offsets per key, the step that wrote each value); the history of
    // every setEvent and which recv consumed each message, so a rewind can undo both.
    sql: (s) => `
      CREATE TABLE ${s}.streams (
        workflow_id TEXT NOT NULL REFERENCES ${s}.workflow_status (workflow_id) ON DELETE CASCADE,
        key TEXT NOT NULL,
        "offset" INTEGER NOT NULL,
        value TEXT NOT NULL,
        serialization TEXT NOT NULL,
        function_id INTEGER NOT NULL,
        PRIMARY KEY (workflow_id, key, "offset")
      );

      CREATE TABLE ${s}.workflow_events_history (
        workflow_id TEXT NOT NULL REFERENCES ${s}.workflow_status (workflow_id) ON DELETE CASCADE,
        function_id INTEGER NOT NULL,
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        PRIMARY KEY (workflow_id, function_id, key)
      );

      ALTER TABLE ${s}.notifications ADD COLUMN consumed_by_function_id INTEGER
    `,
  },
  {
    version: 4,
    name: 'schedules_and_versions',
    // Schedule names are unique in the schema, not per application: they make up the ids of
    // the workflows their ticks start (DBOS's rule too). `revision` counts definition changes;
    // a tick fires only under the revision it was planned with. `schedule_name` on a workflow
    // says which schedule started it.
    sql: (s) => `
      CREATE TABLE ${s}.schedules (
        schedule_id TEXT PRIMARY KEY,
        schedule_name TEXT NOT NULL UNIQUE,
        application_name TEXT NOT NULL,
        workflow_name TEXT NOT NULL,
        cron TEXT NOT NULL,
        cron_timezone TEXT,
        context TEXT NOT NULL,
        queue_name TEXT,
        automatic_backfill BOOLEAN NOT NULL DEFAULT FALSE,
        backfill_limit INTEGER NOT NULL,
        status TEXT NOT NULL DEFAULT 'ACTIVE',
        revision INTEGER NOT NULL DEFAULT 1,
        active_since BIGINT NOT NULL,
        last_fired_at BIGINT,
        created_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL
      );
      CREATE INDEX schedules_application_idx ON ${s}.schedules (application_name, schedule_name);

      CREATE TABLE ${s}.application_versions (
        version_id TEXT PRIMARY KEY,
        application_name TEXT NOT NULL,
        version_name TEXT NOT NULL,
        version_timestamp BIGINT NOT NULL,
        created_at BIGINT NOT NULL,
        UNIQUE (application_name, version_name)
      );
      CREATE INDEX application_versions_latest_idx
        ON ${s}.application_versions (application_name, version_timestamp DESC);

      ALTER TABLE ${s}.workflow_status ADD COLUMN schedule_name TEXT;
      CREATE INDEX workflow_status_schedule_idx
        ON ${s}.workflow_status (schedule_name) WHERE schedule_name IS NOT NULL;
    `,
  },
  {
    version: 5,
    name: 'queue_partitions_delays_retention',
    // Partitioned queues and delayed starts (DBOS's queue_partition_key, delay_until_epoch_ms).
    // A claim reads a queue's ENQUEUED workflows in dequeue order: with a deep backlog, an
    // index in that order (ENQUEUED rows only, so direct starts never touch it) spares sorting
    // the whole backlog at every claim.
    // Retention collects on completed_at, as DBOS 5 does, so every terminal status gets one:
    // rows cancelled or given up on before this migration take their last update as theirs.
    // Deduplication ids are held only by unfinished workflows.
    sql: (s) => `
      ALTER TABLE ${s}.workflow_status ADD COLUMN queue_partition_key TEXT;
      ALTER TABLE ${s}.workflow_status ADD COLUMN delay_until_epoch_ms BIGINT;
      CREATE INDEX workflow_status_delayed_idx
        ON ${s}.workflow_status (application_name, delay_until_epoch_ms)
        WHERE status = 'DELAYED';
      CREATE INDEX workflow_status_dequeue_idx
        ON ${s}.workflow_status (queue_name, priority, created_at, workflow_id)
        WHERE status = 'ENQUEUED';
      UPDATE ${s}.workflow_status SET completed_at = updated_at
        WHERE status IN ('CANCELLED', 'MAX_RECOVERY_ATTEMPTS_EXCEEDED') AND completed_at IS NULL;
      UPDATE ${s}.workflow_status SET deduplication_id = NULL
        WHERE status NOT IN ('PENDING', 'ENQUEUED', 'DELAYED') AND deduplication_id IS NOT NULL;
    `,
  },
];

/** The newest migration version this SDK knows. */
export const LATEST_MIGRATION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;

/** Applies pending migrations to `schema` (already validated as a plain identifier). */
export async function migrate(driver: SqlDriver, schema: string): Promise<number[]> {
  return driver.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`podium.migrate:${schema}`]);
    await tx.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await tx.query(`CREATE TABLE IF NOT EXISTS ${schema}.migrations (
      version INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
    )`);
    const rows = await tx.query<{ version: number | null }>(
      `SELECT max(version) AS version FROM ${schema}.migrations`,
    );
    const current = rows[0]?.version ?? 0;
    if (current > LATEST_MIGRATION) {
      throw new Error(
        `Schema ${schema} is at migration ${current}, newer than this SDK (${LATEST_MIGRATION}); upgrade @podium/sdk`,
      );
    }
    const applied: number[] = [];
    for (const migration of MIGRATIONS) {
      if (migration.version <= current) continue;
      for (const statement of splitStatements(migration.sql(schema))) await tx.query(statement);
      await tx.query(`INSERT INTO ${schema}.migrations (version, name) VALUES ($1, $2)`, [
        migration.version,
        migration.name,
      ]);
      applied.push(migration.version);
    }
    return applied;
  });
}

// Migrations contain no semicolons inside literals, so a plain split is safe and lets both
// drivers run them through the extended (parameterised) protocol one statement at a time.
function splitStatements(sql: string): string[] {
  return sql
    .split(';')
    .map((statement) => statement.trim())
    .filter((statement) => statement.length > 0);
}

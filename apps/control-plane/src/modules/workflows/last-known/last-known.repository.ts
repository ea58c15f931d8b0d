import { Inject, Injectable } from '@nestjs/common';
import type { Database, Prisma } from '@podium/db';
import type { AppScope } from '../../../common/auth/app-scope';
import { DATABASE } from '../../../infra/database/database.tokens';
import type { LastKnownFilter } from './last-known-filters';
import type { LastKnownRow } from './last-known.mapper';

/** A batch of rows for one application. */
export interface LastKnownBatch {
  readonly scope: AppScope;
  readonly rows: readonly LastKnownRow[];
}

const ROW_FIELDS = {
  workflowId: true,
  name: true,
  status: true,
  queueName: true,
  executorId: true,
  applicationVersion: true,
  createdAt: true,
  updatedAt: true,
  errorSummary: true,
  seenAt: true,
} as const;

/** The only place that touches the last_known_workflows table. */
@Injectable()
export class LastKnownRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /**
   * Upserts the batches in one statement. A row already holding a newer `updatedAt` keeps it
   * (answers can arrive out of order). Answers without outputs carry no error: the summary an
   * earlier answer gave stays while the status is the same. A report that changes nothing
   * moves `seenAt` only once a minute (SEEN_AT_REFRESH_SECONDS). Rows of an application deleted
   * meanwhile are skipped. Returns how many rows each application gained (new workflows, not
   * updates), by application id.
   */
  async upsert(batches: readonly LastKnownBatch[]): Promise<Map<string, number>> {
    if (!batches.some(({ rows }) => rows.length > 0)) return new Map();
    // One JSON parameter instead of thousands of bind parameters: one round trip per batch. It
    // names each application once and carries times as epoch milliseconds (read as float8, so
    // that `/ 1000` keeps them): the flush runs on the event loop that serves requests, and a
    // smaller JSON without Date#toJSON costs it a third less. Sent past Prisma (`db.query`),
    // which would serialize the JSON again and parse it back on that same event loop.
    const payload = JSON.stringify(
      batches.map(({ scope, rows }) => ({
        application_id: scope.applicationId,
        organization_id: scope.organizationId,
        rows: rows.map(toPayloadRow),
      })),
    );
    const added = await this.db.query<{ applicationId: string; added: number }>(UPSERT, [payload]);
    return new Map(added.map((row) => [row.applicationId, row.added]));
  }

  /**
   * Enforces an application's bounds: drops rows not seen since `seenBefore`, and of the rest
   * all but the `maxRows` newest (by the workflow's creation time). Returns how many rows went.
   */
  pruneApplication(applicationId: string, seenBefore: Date, maxRows: number): Promise<number> {
    return this.db.prisma.$executeRaw`
      DELETE FROM last_known_workflows
      WHERE application_id = ${applicationId}::uuid
        AND (seen_at < ${seenBefore}
          OR workflow_id IN (SELECT workflow_id FROM last_known_workflows
            WHERE application_id = ${applicationId}::uuid AND seen_at >= ${seenBefore}
            ORDER BY created_at DESC NULLS LAST, workflow_id DESC
            OFFSET ${maxRows}))`;
  }

  /** Every row of the application. */
  async deleteApplication(scope: AppScope): Promise<void> {
    await this.db.prisma.lastKnownWorkflow.deleteMany({ where: tenantOf(scope) });
  }

  /** The age bound across applications (rows of apps nobody writes to any more age out too). */
  async pruneOlderThan(seenBefore: Date): Promise<number> {
    const { count } = await this.db.prisma.lastKnownWorkflow.deleteMany({
      where: { seenAt: { lt: seenBefore } },
    });
    return count;
  }

  async findPage(
    scope: AppScope,
    filter: LastKnownFilter,
  ): Promise<{ rows: LastKnownRow[]; total: number }> {
    const where = whereOf(scope, filter);
    const order = filter.sortDesc ? 'desc' : 'asc';
    const [rows, total] = await Promise.all([
      this.db.prisma.lastKnownWorkflow.findMany({
        where,
        select: ROW_FIELDS,
        orderBy: [{ createdAt: { sort: order, nulls: 'last' } }, { workflowId: order }],
        skip: filter.offset,
        take: filter.limit,
      }),
      this.db.prisma.lastKnownWorkflow.count({ where }),
    ]);
    return { rows, total };
  }

  findOne(scope: AppScope, workflowId: string): Promise<LastKnownRow | null> {
    return this.db.prisma.lastKnownWorkflow.findFirst({
      where: { ...tenantOf(scope), workflowId },
      select: ROW_FIELDS,
    });
  }

  /** When an executor last reported any workflow of the application; null: none is indexed. */
  async lastSeenAt(scope: AppScope): Promise<Date | null> {
    const { _max } = await this.db.prisma.lastKnownWorkflow.aggregate({
      where: tenantOf(scope),
      _max: { seenAt: true },
    });
    return _max.seenAt;
  }

  /** Ids of indexed workflows still running or waiting: the sync asks for their news. */
  async findActiveIds(scope: AppScope, statuses: readonly string[], limit: number) {
    const rows = await this.db.prisma.lastKnownWorkflow.findMany({
      where: { ...tenantOf(scope), status: { in: [...statuses] } },
      select: { workflowId: true },
      orderBy: { createdAt: { sort: 'desc', nulls: 'last' } },
      take: limit,
    });
    return rows.map((r) => r.workflowId);
  }
}

/**
 * A report that changes nothing of a row rewrites it only to move `seen_at`, and only when that
 * is older than this: a console polling a page would otherwise rewrite the same rows (a new row
 * version, its index entries and WAL) on every refresh. The index's "as of" is that coarse.
 */
const SEEN_AT_REFRESH_SECONDS = 60;

/**
 * The flush's statement: `$1` is the JSON of LastKnownBatch[] (see toPayloadRow). A row it
 * inserted has no xmax; one it updated carries the updating transaction's.
 */
const UPSERT = `
  WITH written AS (
    INSERT INTO last_known_workflows AS k (application_id, organization_id, workflow_id, name,
      status, queue_name, executor_id, application_version, created_at, updated_at,
      error_summary, seen_at)
    SELECT b.application_id, b.organization_id, r.workflow_id, r.name, r.status, r.queue_name,
      r.executor_id, r.application_version, to_timestamp(r.created_at / 1000),
      to_timestamp(r.updated_at / 1000), r.error_summary, to_timestamp(r.seen_at / 1000)
    FROM jsonb_to_recordset($1::jsonb) AS b(application_id uuid,
      organization_id uuid, rows jsonb)
    CROSS JOIN LATERAL jsonb_to_recordset(b.rows) AS r(workflow_id text, name text,
      status text, queue_name text, executor_id text, application_version text,
      created_at float8, updated_at float8, error_summary text, seen_at float8)
    WHERE EXISTS (SELECT 1 FROM applications a
      WHERE a.id = b.application_id AND a.organization_id = b.organization_id)
    ON CONFLICT (application_id, workflow_id) DO UPDATE SET
      name = EXCLUDED.name, status = EXCLUDED.status, queue_name = EXCLUDED.queue_name,
      executor_id = EXCLUDED.executor_id, application_version = EXCLUDED.application_version,
      created_at = EXCLUDED.created_at, updated_at = EXCLUDED.updated_at,
      error_summary = COALESCE(EXCLUDED.error_summary,
        CASE WHEN k.status IS NOT DISTINCT FROM EXCLUDED.status THEN k.error_summary END),
      seen_at = EXCLUDED.seen_at
    WHERE (k.updated_at IS NULL OR EXCLUDED.updated_at IS NULL
        OR EXCLUDED.updated_at >= k.updated_at)
      AND ((k.name, k.status, k.queue_name, k.executor_id, k.application_version, k.created_at,
          k.updated_at) IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.status, EXCLUDED.queue_name,
          EXCLUDED.executor_id, EXCLUDED.application_version, EXCLUDED.created_at,
          EXCLUDED.updated_at)
        OR COALESCE(EXCLUDED.error_summary, k.error_summary) IS DISTINCT FROM k.error_summary
        OR k.seen_at < EXCLUDED.seen_at - interval '${SEEN_AT_REFRESH_SECONDS} seconds')
    RETURNING k.application_id, k.xmax = 0 AS inserted)
  SELECT application_id::text AS "applicationId",
    (count(*) FILTER (WHERE inserted))::int AS added
  FROM written GROUP BY application_id`;

/** A row as the upsert's JSON carries it (times in epoch milliseconds). */
function toPayloadRow(row: LastKnownRow) {
  return {
    workflow_id: row.workflowId,
    name: row.name,
    status: row.status,
    queue_name: row.queueName,
    executor_id: row.executorId,
    application_version: row.applicationVersion,
    created_at: row.createdAt?.getTime() ?? null,
    updated_at: row.updatedAt?.getTime() ?? null,
    error_summary: row.errorSummary,
    seen_at: row.seenAt.getTime(),
  };
}

function tenantOf(scope: AppScope) {
  return { organizationId: scope.organizationId, applicationId: scope.applicationId };
}

function whereOf(scope: AppScope, f: LastKnownFilter): Prisma.LastKnownWorkflowWhereInput {
  const inList = (values: readonly string[] | undefined) =>
    values === undefined ? undefined : { in: [...values] };
  return {
    ...tenantOf(scope),
    status: inList(f.status),
    name: inList(f.names),
    queueName: inList(f.queueNames),
    executorId: inList(f.executorIds),
    applicationVersion: inList(f.appVersions),
    AND: [
      f.ids ? { workflowId: { in: [...f.ids] } } : {},
      f.idPrefixes ? { OR: f.idPrefixes.map((p) => ({ workflowId: { startsWith: p } })) } : {},
      f.createdFrom || f.createdTo ? { createdAt: { gte: f.createdFrom, lte: f.createdTo } } : {},
    ],
  };
}

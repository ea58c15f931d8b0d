// The dashboards' data access, and the only place that knows the wire shapes it reads: each
// fetcher asks one existing control-plane endpoint and adapts its answer to the small shapes the
// charts are computed from (list wrappers, field names and timestamps are handled here only).
import {
  MAX_PAGE_LIMIT,
  type Executor,
  type Workflow,
  type WorkflowAggregate,
} from '@podium/protocol/rest';
import { getJson, type RequestOptions } from '../../lib/api-client';
import { appPath, fetchApplications } from '../applications/api';
import { fetchExecutors } from '../fleet/api';
import { fetchWorkflowAggregates, searchWorkflows } from '../workflows/list-api';
import type { ExecutorSpan } from './executor-versions';
import type { HistoryPoint } from './history-series';
import type { CompletedRun } from './percentiles';
import type { QueueCount } from './queue-backlog';
import type { TimeWindow } from './time-range';
import type { StatusBucketCount } from './workflow-series';

/** How many recently completed workflows the duration percentiles are computed from. */
export const DURATION_SAMPLE_SIZE = 500;

const iso = (ms: number) => new Date(ms).toISOString();
const epochOf = (value: string | null | undefined) => (value ? Date.parse(value) : null);
const countOf = (row: WorkflowAggregate) => row.count ?? 0;

/** Workflows created in the window, counted per status and time bucket (live, by an executor). */
export async function fetchStatusBuckets(
  org: string,
  app: string,
  window: TimeWindow,
  options?: RequestOptions,
): Promise<StatusBucketCount[]> {
  const rows = await fetchWorkflowAggregates(
    org,
    app,
    {
      groupByStatus: true,
      timeBucketSizeMs: window.bucketMs,
      selectCount: true,
      startTime: iso(window.start),
    },
    options,
  );
  return rows.map(statusBucketOf);
}

/** One aggregate row grouped by status and time bucket (the bucket is epoch ms as text). */
export function statusBucketOf(row: WorkflowAggregate): StatusBucketCount {
  return {
    timeBucket: Number(row.group.timeBucket),
    status: row.group.status ?? null,
    count: countOf(row),
  };
}

/** Workflows created since `since`, counted per status (live). */
export async function fetchStatusCounts(
  org: string,
  app: string,
  since: number,
  options?: RequestOptions,
): Promise<Array<{ status: string | null; count: number }>> {
  const rows = await fetchWorkflowAggregates(
    org,
    app,
    { groupByStatus: true, selectCount: true, startTime: iso(since) },
    options,
  );
  return rows.map((row) => ({ status: row.group.status ?? null, count: countOf(row) }));
}

/** ENQUEUED workflows per queue, with the oldest one's creation time (live). */
export async function fetchQueueCounts(
  org: string,
  app: string,
  options?: RequestOptions,
): Promise<QueueCount[]> {
  const rows = await fetchWorkflowAggregates(
    org,
    app,
    { groupByQueueName: true, status: ['ENQUEUED'], selectCount: true, selectMinCreatedAt: true },
    options,
  );
  return rows.map(queueCountOf);
}

/** One aggregate row grouped by queue, with the count and the oldest creation time. */
export function queueCountOf(row: WorkflowAggregate): QueueCount {
  return {
    queueName: row.group.queueName ?? null,
    count: countOf(row),
    minCreatedAt: epochOf(row.minCreatedAt),
  };
}

/** A finished workflow's run time: creation to completion (its last update if not reported). */
export function completedRunOf(workflow: Workflow): CompletedRun | null {
  const started = epochOf(workflow.createdAt);
  const ended = epochOf(workflow.completedAt ?? workflow.updatedAt);
  if (started === null || ended === null || !workflow.workflowName) return null;
  return { workflowName: workflow.workflowName, durationMs: ended - started };
}

/** The last `DURATION_SAMPLE_SIZE` workflows that finished (succeeded or failed) in the window. */
export async function fetchCompletedRuns(
  org: string,
  app: string,
  window: TimeWindow,
  options?: RequestOptions,
): Promise<CompletedRun[]> {
  const page = await searchWorkflows(
    org,
    app,
    {
      status: ['SUCCESS', 'ERROR'],
      completedAfter: iso(window.start),
      limit: DURATION_SAMPLE_SIZE,
      sortDesc: true,
    },
    options,
  );
  return page.items.map(completedRunOf).filter((run): run is CompletedRun => run !== null);
}

/** The control plane's stored per-minute history of the app (no executor needed). */
export async function fetchHistory(
  org: string,
  app: string,
  window: TimeWindow,
  options?: RequestOptions,
): Promise<HistoryPoint[]> {
  const query = new URLSearchParams({ startTime: iso(window.start), endTime: iso(window.end) });
  const points = await getJson(
    `${appPath(org, app)}/metrics?${query}`,
    'ListAppMetricsResponseSchema',
    options,
  );
  return points.map((point) => ({
    timeBucket: Date.parse(point.timeBucket),
    metricType: point.metricType,
    value: point.value,
  }));
}

/** The app's executor records as connection spans (from the control plane's records). */
export async function fetchExecutorSpans(
  org: string,
  app: string,
  options?: RequestOptions,
): Promise<ExecutorSpan[]> {
  const page = await fetchExecutors(org, app, null, options);
  return page.items.map(executorSpanOf);
}

/** An executor record as a connection span (one that stopped without a record of when: its last sighting). */
export function executorSpanOf(executor: Executor): ExecutorSpan {
  return {
    version: executor.appVersion,
    connectedAt: Date.parse(executor.connectedAt),
    endedAt:
      executor.status === 'HEALTHY'
        ? null
        : (epochOf(executor.disconnectedAt) ?? Date.parse(executor.lastSeenAt)),
  };
}

/**
 * Connected and dead executors of the app right now (from the control plane's records). One
 * page of records: connected ones come first, so only dead ones beyond the page go uncounted.
 */
export async function fetchExecutorHealth(
  org: string,
  app: string,
  options?: RequestOptions,
): Promise<{ connected: number; dead: number }> {
  const page = await fetchExecutors(org, app, null, options);
  const connected = page.items.filter((e) => e.status === 'HEALTHY').length;
  // Stopping on purpose is not dying.
  const dead = page.items.filter((e) => e.status === 'DEAD' && !e.stopped).length;
  return { connected, dead };
}

/** Every application name of the organization, page by page. */
export async function fetchApplicationNames(
  org: string,
  options?: RequestOptions,
): Promise<string[]> {
  const names: string[] = [];
  for (let offset: number | undefined = 0; offset !== undefined;) {
    const page = await fetchApplications(org, { limit: MAX_PAGE_LIMIT, offset }, options);
    names.push(...page.items.map((app) => app.name));
    offset = page.nextOffset;
  }
  return names;
}

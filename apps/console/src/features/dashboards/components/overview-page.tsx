'use client';

import { AppError, isInternalQueueName } from '@podium/protocol/rest';
import { useQuery } from '@tanstack/react-query';
import dynamic from 'next/dynamic';
import { useSearchParams } from 'next/navigation';
import { Panel } from '../../../components/ui/panel';
import { ProblemAlert } from '../../../components/ui/problem-alert';
import { DURATION_SAMPLE_SIZE } from '../api';
import { executorsByVersion } from '../executor-versions';
import { historySeries } from '../history-series';
import { durationsByName } from '../percentiles';
import { DASHBOARD_REFRESH_MS, dashboardQueries } from '../queries';
import { queueBacklog } from '../queue-backlog';
import { timeRangeOf, windowOf } from '../time-range';
import { outcomeTotals, workflowSeries } from '../workflow-series';
import { OutcomeSummary } from './outcome-summary';
import { RangePicker } from './range-picker';
import styles from './dashboards.module.css';

// The chart library loads after the page (its own chunk): the page's first load stays small,
// and no other route ever carries it.
function Drawing() {
  return <p className="muted">Drawing the chart…</p>;
}
const WorkflowCharts = dynamic(() => import('./workflow-charts').then((m) => m.WorkflowCharts), {
  ssr: false,
  loading: Drawing,
});
const DurationChart = dynamic(() => import('./duration-chart').then((m) => m.DurationChart), {
  ssr: false,
  loading: Drawing,
});
const QueueChart = dynamic(() => import('./queue-chart').then((m) => m.QueueChart), {
  ssr: false,
  loading: Drawing,
});
const HistoryChart = dynamic(() => import('./history-chart').then((m) => m.HistoryChart), {
  ssr: false,
  loading: Drawing,
});
const VersionsChart = dynamic(() => import('./versions-chart').then((m) => m.VersionsChart), {
  ssr: false,
  loading: Drawing,
});

// Refreshes while the tab is visible (TanStack Query pauses intervals in background tabs).
const live = { refetchInterval: DASHBOARD_REFRESH_MS } as const;

const isNoExecutor = (error: unknown) =>
  AppError.is(error) && error.code === 'EXECUTOR_UNAVAILABLE';

/**
 * An application at a glance: live charts from its executors (outcomes, failure rate,
 * durations, queues) and, always, what the control plane stores itself (per-minute history,
 * executors by version). With no executor connected, the live part says so.
 */
export function OverviewPage({ org, app }: { org: string; app: string }) {
  const range = timeRangeOf(useSearchParams().get('range'));
  const withDay = range.spanMs > 12 * 60 * 60_000;
  const bucketLabel = range.bucketMs === 60_000 ? 'minute' : `${range.bucketMs / 60_000} minutes`;

  const buckets = useQuery({ ...dashboardQueries.statusBuckets(org, app, range), ...live });
  const runs = useQuery({ ...dashboardQueries.completedRuns(org, app, range), ...live });
  const queues = useQuery({ ...dashboardQueries.queueCounts(org, app), ...live });
  const history = useQuery({ ...dashboardQueries.history(org, app, range), ...live });
  const spans = useQuery({ ...dashboardQueries.executorSpans(org, app), ...live });

  const offline = isNoExecutor(buckets.error);
  const series = buckets.data && workflowSeries(buckets.data.rows, buckets.data.window);
  const now = history.data?.window.end ?? windowOf(range, Date.now()).end;

  return (
    <div className={styles.overview} data-testid="app-overview" data-range={range.id}>
      <div className={styles.toolbar}>
        <RangePicker current={range} />
        <p className="muted" aria-live="polite" data-testid="overview-refresh">
          Refreshes every {DASHBOARD_REFRESH_MS / 1000} s while this tab is visible.
        </p>
      </div>

      <Panel title="Live, from the app’s executors">
        {offline ? (
          <p className={styles.notice} data-testid="overview-offline">
            No executor of {app} is connected: live charts (workflow outcomes, durations, queues)
            are unavailable. What the control plane stores itself is shown below.
          </p>
        ) : (
          <>
            <ProblemAlert error={buckets.error ?? runs.error ?? queues.error} />
            {!series && !buckets.error && <p className="muted">Asking the app’s executors…</p>}
            {series && (
              <>
                <OutcomeSummary totals={outcomeTotals(series)} />
                <div className={styles.grid}>
                  <WorkflowCharts
                    series={series}
                    totals={outcomeTotals(series)}
                    bucketLabel={bucketLabel}
                    withDay={withDay}
                  />
                  {runs.data && (
                    <DurationChart
                      durations={durationsByName(runs.data.rows)}
                      sampled={runs.data.rows.length}
                      sampleSize={DURATION_SAMPLE_SIZE}
                    />
                  )}
                  {queues.data && (
                    <QueueChart
                      backlog={queueBacklog(queues.data.rows, queues.data.at, isInternalQueueName)}
                    />
                  )}
                </div>
              </>
            )}
          </>
        )}
      </Panel>

      <Panel title="Stored by the control plane">
        <ProblemAlert error={history.error ?? spans.error} />
        <div className={styles.grid}>
          {history.data && (
            <HistoryChart
              series={historySeries(history.data.rows, history.data.window)}
              withDay={withDay}
            />
          )}
          {spans.data && (
            <VersionsChart
              series={executorsByVersion(spans.data, windowOf(range, now))}
              withDay={withDay}
            />
          )}
        </div>
      </Panel>
    </div>
  );
}

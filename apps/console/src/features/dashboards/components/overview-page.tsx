'use client';

import { AppError, isInternalQueueName } from '@podium/protocol/rest';
import { useQuery } from '../../../lib/query';
import { useSearchParams } from 'next/navigation';
import { Suspense, type ReactNode } from 'react';
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
import { lazyComponent } from '../../../lib/lazy-component';
import styles from './dashboards.module.css';

// The chart library loads after the page (its own chunk): the page's first load stays small,
// and no other route ever carries it.
const WorkflowCharts = lazyComponent(() => import('./workflow-charts'), 'WorkflowCharts');
const DurationChart = lazyComponent(() => import('./duration-chart'), 'DurationChart');
const QueueChart = lazyComponent(() => import('./queue-chart'), 'QueueChart');
const HistoryChart = lazyComponent(() => import('./history-chart'), 'HistoryChart');
const VersionsChart = lazyComponent(() => import('./versions-chart'), 'VersionsChart');

function Drawing({ children }: { children: ReactNode }) {
  return <Suspense fallback={<p className="muted">Drawing the chart…</p>}>{children}</Suspense>;
}

// Refreshes while the tab is visible (intervals pause in background tabs).
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
                  <Drawing>
                    <WorkflowCharts
                      series={series}
                      totals={outcomeTotals(series)}
                      bucketLabel={bucketLabel}
                      withDay={withDay}
                    />
                  </Drawing>
                  {runs.data && (
                    <Drawing>
                      <DurationChart
                        durations={durationsByName(runs.data.rows)}
                        sampled={runs.data.rows.length}
                        sampleSize={DURATION_SAMPLE_SIZE}
                      />
                    </Drawing>
                  )}
                  {queues.data && (
                    <Drawing>
                      <QueueChart
                        backlog={queueBacklog(
                          queues.data.rows,
                          queues.data.at,
                          isInternalQueueName,
                        )}
                      />
                    </Drawing>
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
            <Drawing>
              <HistoryChart
                series={historySeries(history.data.rows, history.data.window)}
                withDay={withDay}
              />
            </Drawing>
          )}
          {spans.data && (
            <Drawing>
              <VersionsChart
                series={executorsByVersion(spans.data, windowOf(range, now))}
                withDay={withDay}
              />
            </Drawing>
          )}
        </div>
      </Panel>
    </div>
  );
}

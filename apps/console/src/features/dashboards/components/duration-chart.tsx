'use client';

import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { formatMs } from '../format';
import type { NameDurations } from '../percentiles';
import { ChartFigure } from './chart-figure';
import { AXIS_TICK, CHART_PROPS, SERIES_COLORS } from './chart-theme';
import styles from './dashboards.module.css';

/** p50 and p95 run time per workflow name, from a bounded sample of recent completions. */
export function DurationChart({
  durations,
  sampled,
  sampleSize,
}: {
  durations: readonly NameDurations[];
  /** How many completed workflows the sample holds. */
  sampled: number;
  sampleSize: number;
}) {
  const source =
    sampled >= sampleSize
      ? `from the last ${sampleSize} completed workflows`
      : `from the ${sampled} workflows completed in the range`;
  return (
    <ChartFigure
      title="Duration per workflow"
      description={`p50 and p95 time from creation to completion per workflow name, ${source}.`}
      testId="chart-durations"
      columns={[
        { label: 'Workflow', cell: (row) => <span className="mono">{row.workflowName}</span> },
        { label: 'Completed', cell: (row) => row.count },
        { label: 'p50', cell: (row) => formatMs(row.p50Ms) },
        { label: 'p95', cell: (row) => formatMs(row.p95Ms) },
      ]}
      rows={durations}
      rowKey={(row) => row.workflowName}
      chart={
        <>
          <p className={`muted ${styles.chartNote}`} data-testid="duration-source">
            Computed {source}.
          </p>
          <BarChart data={[...durations]} {...CHART_PROPS}>
            <CartesianGrid stroke="var(--border)" vertical={false} />
            <XAxis dataKey="workflowName" tick={AXIS_TICK} />
            <YAxis unit=" ms" tick={AXIS_TICK} width={64} />
            <Tooltip />
            <Legend />
            <Bar
              dataKey="p50Ms"
              name="p50 (ms)"
              fill={SERIES_COLORS.p50}
              isAnimationActive={false}
            />
            <Bar
              dataKey="p95Ms"
              name="p95 (ms)"
              fill={SERIES_COLORS.p95}
              isAnimationActive={false}
            />
          </BarChart>
        </>
      }
    />
  );
}

'use client';

import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  LineChart,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatBucket, formatRate } from '../format';
import { useTimeZone } from '../../../lib/time-zone';
import type { OutcomeTotals, WorkflowBucket } from '../workflow-series';
import { ChartFigure, type TableColumn } from './chart-figure';
import { AXIS_TICK, CHART_PROPS, SERIES_COLORS } from './chart-theme';

interface Props {
  series: readonly WorkflowBucket[];
  totals: OutcomeTotals;
  bucketLabel: string;
  withDay: boolean;
}

const COUNT_KEYS = ['started', 'succeeded', 'failed', 'cancelled'] as const;

/** Workflows started, succeeded, failed and cancelled per bucket, and the failure rate. */
export function WorkflowCharts({ series, totals, bucketLabel, withDay }: Props) {
  const zone = useTimeZone();
  const time = (row: WorkflowBucket) => formatBucket(row.bucket, withDay, zone);
  const data = series.map((row) => ({ ...row, time: time(row) }));
  const countColumns: TableColumn<WorkflowBucket>[] = [
    { label: 'Bucket start', cell: time },
    ...COUNT_KEYS.map((key) => ({
      label: capitalise(key),
      cell: (row: WorkflowBucket) => row[key],
    })),
  ];
  return (
    <>
      <ChartFigure
        title="Workflows"
        description={`Workflows started, succeeded, failed and cancelled per ${bucketLabel}: ${totals.started} started, ${totals.succeeded} succeeded, ${totals.failed} failed, ${totals.cancelled} cancelled in the range.`}
        testId="chart-workflows"
        columns={countColumns}
        rows={series}
        rowKey={(row) => String(row.bucket)}
        footer={
          <tr data-testid="chart-workflows-totals">
            <th scope="row">Total</th>
            {COUNT_KEYS.map((key) => (
              <td key={key} data-outcome={key}>
                {totals[key]}
              </td>
            ))}
          </tr>
        }
        chart={
          <ComposedChart data={data} {...CHART_PROPS}>
            <CartesianGrid stroke="var(--border)" vertical={false} />
            <XAxis dataKey="time" tick={AXIS_TICK} minTickGap={16} />
            <YAxis allowDecimals={false} tick={AXIS_TICK} width={36} />
            <Tooltip />
            <Legend />
            <Bar
              dataKey="succeeded"
              name="Succeeded"
              stackId="outcome"
              fill={SERIES_COLORS.succeeded}
              isAnimationActive={false}
            />
            <Bar
              dataKey="failed"
              name="Failed"
              stackId="outcome"
              fill={SERIES_COLORS.failed}
              isAnimationActive={false}
            />
            <Bar
              dataKey="cancelled"
              name="Cancelled"
              stackId="outcome"
              fill={SERIES_COLORS.cancelled}
              isAnimationActive={false}
            />
            <Line
              dataKey="started"
              name="Started"
              stroke={SERIES_COLORS.started}
              dot={false}
              isAnimationActive={false}
            />
          </ComposedChart>
        }
      />
      <ChartFigure
        title="Failure rate"
        description={`Failed of finished workflows per ${bucketLabel}; ${formatRate(totals.failureRate)} over the range.`}
        testId="chart-failure-rate"
        columns={[
          { label: 'Bucket start', cell: time },
          { label: 'Failure rate', cell: (row) => formatRate(row.failureRate) },
        ]}
        rows={series}
        rowKey={(row) => String(row.bucket)}
        chart={
          <LineChart
            data={data.map((row) => ({
              ...row,
              percent: row.failureRate === null ? null : row.failureRate * 100,
            }))}
            {...CHART_PROPS}
          >
            <CartesianGrid stroke="var(--border)" vertical={false} />
            <XAxis dataKey="time" tick={AXIS_TICK} minTickGap={16} />
            <YAxis domain={[0, 100]} unit="%" tick={AXIS_TICK} width={44} />
            <Tooltip />
            <Line
              dataKey="percent"
              name="Failure rate (%)"
              stroke={SERIES_COLORS.failed}
              connectNulls={false}
              isAnimationActive={false}
            />
          </LineChart>
        }
      />
    </>
  );
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

'use client';

import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { formatBucket } from '../format';
import { useTimeZone } from '../../../lib/time-zone';
import type { HistoryBucket } from '../history-series';
import { ChartFigure } from './chart-figure';
import { AXIS_TICK, CHART_PROPS, PALETTE } from './chart-theme';

/** What the control plane stored per minute: workflows created, steps completed, recoveries. */
export function HistoryChart({
  series,
  withDay,
}: {
  series: readonly HistoryBucket[];
  withDay: boolean;
}) {
  const zone = useTimeZone();
  const time = (row: HistoryBucket) => formatBucket(row.bucket, withDay, zone);
  const total = (key: 'workflows' | 'steps' | 'recoveries') =>
    series.reduce((sum, row) => sum + row[key], 0);
  return (
    <ChartFigure
      title="Stored history"
      description={`Collected by the control plane each minute: ${total('workflows')} workflows created, ${total('steps')} steps completed, ${total('recoveries')} recoveries in the range.`}
      testId="chart-history"
      columns={[
        { label: 'Bucket start', cell: time },
        { label: 'Workflows created', cell: (row) => row.workflows },
        { label: 'Steps completed', cell: (row) => row.steps },
        { label: 'Recoveries', cell: (row) => row.recoveries },
      ]}
      rows={series}
      rowKey={(row) => String(row.bucket)}
      chart={
        <BarChart data={series.map((row) => ({ ...row, time: time(row) }))} {...CHART_PROPS}>
          <CartesianGrid stroke="var(--border)" vertical={false} />
          <XAxis dataKey="time" tick={AXIS_TICK} minTickGap={16} />
          <YAxis allowDecimals={false} tick={AXIS_TICK} width={36} />
          <Tooltip />
          <Legend />
          <Bar
            dataKey="workflows"
            name="Workflows created"
            fill={PALETTE[0]}
            isAnimationActive={false}
          />
          <Bar dataKey="steps" name="Steps completed" fill={PALETTE[1]} isAnimationActive={false} />
          <Bar dataKey="recoveries" name="Recoveries" fill={PALETTE[2]} isAnimationActive={false} />
        </BarChart>
      }
    />
  );
}

'use client';

import { Area, AreaChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import type { VersionSeries } from '../executor-versions';
import { formatBucket } from '../format';
import { useTimeZone } from '../../../lib/time-zone';
import { ChartFigure } from './chart-figure';
import { AXIS_TICK, CHART_PROPS, PALETTE } from './chart-theme';

/** Executors connected per application version over the range (the control plane's records). */
export function VersionsChart({ series, withDay }: { series: VersionSeries; withDay: boolean }) {
  const zone = useTimeZone();
  const time = (bucket: number) => formatBucket(bucket, withDay, zone);
  const data = series.rows.map((row) => ({ time: time(row.bucket), ...row.counts }));
  return (
    <ChartFigure
      title="Executors by version"
      description={`Executors connected per application version over time; versions: ${series.versions.join(', ') || 'none'}.`}
      testId="chart-versions"
      columns={[
        { label: 'Bucket start', cell: (row) => time(row.bucket) },
        ...series.versions.map((version) => ({
          label: version,
          cell: (row: VersionSeries['rows'][number]) => row.counts[version] ?? 0,
        })),
      ]}
      rows={series.rows}
      rowKey={(row) => String(row.bucket)}
      chart={
        <AreaChart data={data} {...CHART_PROPS}>
          <CartesianGrid stroke="var(--border)" vertical={false} />
          <XAxis dataKey="time" tick={AXIS_TICK} minTickGap={16} />
          <YAxis allowDecimals={false} tick={AXIS_TICK} width={36} />
          <Tooltip />
          <Legend />
          {series.versions.map((version, index) => (
            <Area
              key={version}
              dataKey={version}
              name={version}
              stackId="versions"
              stroke={PALETTE[index % PALETTE.length]}
              fill={PALETTE[index % PALETTE.length]}
              fillOpacity={0.3}
              isAnimationActive={false}
            />
          ))}
        </AreaChart>
      }
    />
  );
}

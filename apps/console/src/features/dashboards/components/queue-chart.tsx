'use client';

import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import { formatMs } from '../format';
import type { QueueBacklog } from '../queue-backlog';
import { ChartFigure } from './chart-figure';
import { AXIS_TICK, CHART_PROPS, SERIES_COLORS } from './chart-theme';

/** Enqueued workflows per queue right now, with how long the oldest has waited. */
export function QueueChart({ backlog }: { backlog: readonly QueueBacklog[] }) {
  const depth = backlog.reduce((sum, queue) => sum + queue.depth, 0);
  return (
    <ChartFigure
      title="Queue depth"
      description={`Workflows waiting per queue now: ${depth} on ${backlog.length} queues.`}
      testId="chart-queues"
      columns={[
        { label: 'Queue', cell: (row) => <span className="mono">{row.queueName}</span> },
        { label: 'Enqueued', cell: (row) => row.depth },
        { label: 'Oldest waiting', cell: (row) => formatMs(row.oldestAgeMs) },
      ]}
      rows={backlog}
      rowKey={(row) => row.queueName}
      chart={
        <BarChart data={[...backlog]} {...CHART_PROPS}>
          <CartesianGrid stroke="var(--border)" vertical={false} />
          <XAxis dataKey="queueName" tick={AXIS_TICK} />
          <YAxis allowDecimals={false} tick={AXIS_TICK} width={36} />
          <Tooltip />
          <Bar
            dataKey="depth"
            name="Enqueued"
            fill={SERIES_COLORS.started}
            isAnimationActive={false}
          />
        </BarChart>
      }
    />
  );
}

import { Injectable } from '@nestjs/common';
import { AppError, type WorkflowAggregate, type WorkflowAggregatesRequest } from '@podium/protocol';
import type { AppScope } from '../../common/auth/app-scope';
import { StepAggregatesService } from '../workflows/step-aggregates.service';
import { WorkflowsService } from '../workflows/workflows.service';
import type { ConductorFamily, GaugeSample } from './conductor-families';
import { type MetricsWindow, WINDOW_SECONDS } from './metrics-window';

const FAILED = new Set(['ERROR', 'MAX_RECOVERY_ATTEMPTS_EXCEEDED']);
const ENDED = ['SUCCESS', 'ERROR', 'MAX_RECOVERY_ATTEMPTS_EXCEEDED', 'CANCELLED'] as const;

/**
 * One application's workflow and step families for one window, from five executor requests
 * (`get_workflow_aggregates` ×4, `get_step_aggregates`) through the same services as
 * `POST .../workflows/aggregates` and `.../steps/aggregates`. The executors' time filters are
 * inclusive, so the window's last millisecond closes it: [start, end - 1 ms].
 */
@Injectable()
export class WorkflowMinuteSampler {
  constructor(
    private readonly workflows: WorkflowsService,
    private readonly steps: StepAggregatesService,
  ) {}

  async sample(scope: AppScope, window: MetricsWindow): Promise<GaugeSample[]> {
    const from = window.start.toISOString();
    const to = new Date(window.end.getTime() - 1).toISOString();
    const byNameAndQueue = { groupByWorkflowName: true, groupByQueueName: true, selectCount: true };
    const ask = (request: WorkflowAggregatesRequest) =>
      this.workflows.findAggregates(scope, request);
    const [created, dequeued, ended, waiting, steps] = await Promise.all([
      ask({ ...byNameAndQueue, startTime: from, endTime: to }),
      ask({ ...byNameAndQueue, dequeuedAfter: from, dequeuedBefore: to }),
      ask({
        ...byNameAndQueue,
        groupByStatus: true,
        selectMaxQueueWaitMs: true,
        selectMaxTotalLatencyMs: true,
        status: [...ENDED],
        completedAfter: from,
        completedBefore: to,
      }),
      ask({
        ...byNameAndQueue,
        groupByStatus: true,
        selectMinCreatedAt: true,
        status: ['ENQUEUED', 'PENDING'],
      }),
      this.steps
        .findStepAggregates(scope, {
          groupByFunctionName: true,
          groupByStatus: true,
          selectCount: true,
          selectMaxDurationMs: true,
          completedAfter: from,
          completedBefore: to,
        })
        // Executors older than DBOS TS 4.19 / Python 2.23 have no step aggregates: no step
        // families, the workflow ones still.
        .catch((error: unknown) => {
          if (AppError.is(error) && error.code === 'EXECUTOR_UNSUPPORTED') return [];
          throw error;
        }),
    ]);
    const out = new SampleSet();
    for (const row of created) out.add('workflow_started_rate', wq(row), rate(row.count));
    for (const row of dequeued) out.add('workflow_dequeued_rate', wq(row), rate(row.count));
    for (const row of ended) {
      const status = row.group.status;
      if (status === 'SUCCESS') {
        out.add('workflow_success_rate', wq(row), rate(row.count));
        out.max('workflow_max_queue_wait_seconds', wq(row), seconds(row.maxQueueWaitMs));
        out.max('workflow_max_total_latency_seconds', wq(row), seconds(row.maxTotalLatencyMs));
      } else if (status === 'CANCELLED') {
        out.add('workflow_cancelled_rate', wq(row), rate(row.count));
      } else if (status && FAILED.has(status)) {
        out.add('workflow_failed_rate', wq(row), rate(row.count));
      }
    }
    for (const row of waiting) {
      const oldest = row.minCreatedAt ? Date.parse(row.minCreatedAt) / 1000 : undefined;
      if (row.group.status === 'ENQUEUED') {
        out.add('workflow_enqueued_count', wq(row), row.count ?? 0);
        out.min('workflow_oldest_enqueued_timestamp_seconds', wq(row), oldest);
      } else if (row.group.status === 'PENDING') {
        // Labelled by workflow name only: summed (and the oldest taken) across queues.
        const w = { workflow_name: wq(row).workflow_name };
        out.add('workflow_pending_count', w, row.count ?? 0);
        out.min('workflow_oldest_pending_timestamp_seconds', w, oldest);
      }
    }
    for (const row of steps) {
      const step = { step_name: row.group.function_name ?? '' };
      if (row.group.status === 'SUCCESS') {
        out.add('step_success_rate', step, rate(row.count));
        out.max('step_max_duration_seconds', step, seconds(row.maxDurationMs));
      } else if (row.group.status === 'ERROR') {
        out.add('step_failed_rate', step, rate(row.count));
      }
    }
    return out.samples();
  }
}

function wq(row: WorkflowAggregate): { workflow_name: string; queue_name: string } {
  return { workflow_name: row.group.workflowName ?? '', queue_name: row.group.queueName ?? '' };
}

function rate(count: number | undefined): number {
  return (count ?? 0) / WINDOW_SECONDS;
}

function seconds(ms: number | undefined): number | undefined {
  return ms === undefined ? undefined : ms / 1000;
}

/** Samples keyed by family and labels: rows that land on one series are summed, maxed or mined. */
class SampleSet {
  private readonly byKey = new Map<string, GaugeSample>();

  add(family: ConductorFamily, labels: Record<string, string>, value: number): void {
    this.merge(family, labels, value, (a, b) => a + b);
  }

  max(family: ConductorFamily, labels: Record<string, string>, value: number | undefined): void {
    if (value !== undefined) this.merge(family, labels, value, Math.max);
  }

  /** Absent values add no series: "oldest" families have none when nothing waits. */
  min(family: ConductorFamily, labels: Record<string, string>, value: number | undefined): void {
    if (value !== undefined) this.merge(family, labels, value, Math.min);
  }

  samples(): GaugeSample[] {
    return [...this.byKey.values()];
  }

  private merge(
    family: ConductorFamily,
    labels: Record<string, string>,
    value: number,
    combine: (a: number, b: number) => number,
  ) {
    const key = JSON.stringify([family, labels]);
    const seen = this.byKey.get(key);
    this.byKey.set(key, { family, labels, value: seen ? combine(seen.value, value) : value });
  }
}

/**
 * Handlers of the executor-level requests: identity, recovery, retention, metrics, queues.
 * Each takes a decoded request and returns the response fields; throwing is fine (the
 * dispatcher answers with `error_message`).
 */
import os from 'node:os';
import type { ExecutorRequestHandlers } from '@podium/protocol';
import { SDK_VERSION_STRING } from '../version';
import { time } from './list-filters';
import type { AgentOperations, ExecutorIdentity } from './operations';
import { toQueueOutput } from './wire-records';

export type ExecutorHandlerTypes =
  | 'executor_info'
  | 'recovery'
  | 'exist_pending_workflows'
  | 'retention'
  | 'get_metrics'
  | 'list_queues'
  | 'get_queue';

export function executorHandlers(
  ops: AgentOperations,
  identity: ExecutorIdentity,
): Pick<ExecutorRequestHandlers, ExecutorHandlerTypes> {
  const app = identity.applicationName;
  const queueOutputs = () =>
    ops.queues().map((queue) => toQueueOutput(queue, app, identity.queuePollIntervalMs));
  return {
    executor_info: () =>
      Promise.resolve({
        executor_id: identity.executorId,
        application_version: identity.applicationVersion,
        hostname: hostname(),
        language: 'typescript',
        dbos_version: SDK_VERSION_STRING,
        ...(identity.metadata === undefined ? {} : { executor_metadata: identity.metadata }),
      }),

    recovery: async (request) => {
      await ops.management.recoverPendingWorkflows(request.executor_ids);
      return { success: true };
    },

    exist_pending_workflows: async (request) => ({
      exist: await ops.management.existPendingWorkflows(
        request.executor_id,
        request.application_version,
      ),
    }),

    // Runs the round before answering, so `success` is the real outcome (DBOS TS ≥ 5 answers
    // first and runs it later).
    retention: async (request) => {
      const body = request.body ?? {};
      await ops.maintenance.retention({
        gcCutoffEpochMs: body.gc_cutoff_epoch_ms ?? undefined,
        gcRowsThreshold: positive(body.gc_rows_threshold),
        gcBatchSize: positive(body.gc_batch_size),
        timeoutCutoffEpochMs: body.timeout_cutoff_epoch_ms ?? undefined,
      });
      return { success: true };
    },

    get_metrics: async (request) => {
      if (request.metric_class !== 'workflow_step_count') {
        return { metrics: [], error_message: `Unexpected metric class: ${request.metric_class}` };
      }
      const apps = request.application_name;
      if (apps && !apps.includes(app)) return { metrics: [] };
      const { workflows, steps } = await ops.maintenance.countByName(
        time('start_time', request.start_time) ?? 0,
        time('end_time', request.end_time) ?? Date.now(),
      );
      return {
        metrics: [
          ...workflows.map((w) => metric('workflow_count', w)),
          ...steps.map((s) => metric('step_count', s)),
        ],
      };
    },

    list_queues: (request) => {
      const apps = request.body?.application_name;
      const wanted = apps === null || apps === undefined ? [app] : [apps].flat();
      return Promise.resolve({ output: wanted.includes(app) ? queueOutputs() : [] });
    },

    get_queue: (request) =>
      Promise.resolve({ output: queueOutputs().find((q) => q.name === request.name) ?? null }),
  };
}

/** The host name reported in `executor_info` (`'unknown'` if the OS cannot tell). */
function hostname(): string {
  try {
    return os.hostname();
  } catch {
    return 'unknown';
  }
}

function metric(metricType: string, count: { name: string; count: number }) {
  return { metric_type: metricType, metric_name: count.name, value: count.count };
}

function positive(value: number | null | undefined): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;
}

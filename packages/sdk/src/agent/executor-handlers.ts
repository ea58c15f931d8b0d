/**
 * Handlers of the executor-level requests: identity, recovery, retention, queues.
 * Each takes a decoded request and returns the response fields; throwing is fine (the
 * dispatcher answers with `error_message`).
 */
import os from 'node:os';
import type { ExecutorRequestHandlers } from '@podium/protocol';
import { SDK_VERSION_STRING } from '../version';
import type { AgentOperations, ExecutorIdentity } from './operations';
import { toQueueOutput } from './wire-records';

export type ExecutorHandlerTypes =
  | 'executor_info'
  | 'recovery'
  | 'exist_pending_workflows'
  | 'retention'
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

    // As DBOS TS 5: answered at once, the round runs in the background (a round can take
    // minutes, longer than the control plane waits), skipped if one is already running.
    retention: (request) => {
      const body = request.body ?? {};
      void ops.maintenance.retention({
        gcCutoffEpochMs: body.gc_cutoff_epoch_ms ?? undefined,
        gcRowsThreshold: body.gc_rows_threshold ?? undefined,
        // As DBOS: absent, null or 0 takes the default.
        gcBatchSize: body.gc_batch_size || undefined,
        // As DBOS: no timeouts for a cutoff of 0.
        timeoutCutoffEpochMs: body.timeout_cutoff_epoch_ms || undefined,
      });
      return Promise.resolve({ success: true });
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

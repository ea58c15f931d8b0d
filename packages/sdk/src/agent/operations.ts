/**
 * What the conductor agent needs from the SDK: the engine's management operations (the engine
 * implements them; tests may fake them) and this executor's identity.
 */
import type { Engine } from '../engine/engine';

export type AgentOperations = Pick<Engine, 'queues'> & {
  readonly management: Pick<
    Engine['management'],
    | 'listWorkflows'
    | 'listSteps'
    | 'cancelWorkflow'
    | 'resumeWorkflows'
    | 'forkWorkflow'
    | 'deleteWorkflow'
    | 'recoverPendingWorkflows'
    | 'existPendingWorkflows'
    | 'rewindWorkflow'
  >;
  readonly transfer: Pick<
    Engine['transfer'],
    'exportWorkflow' | 'importWorkflow' | 'listEvents' | 'listNotifications' | 'listStreams'
  >;
  readonly maintenance: Pick<Engine['maintenance'], 'retention'>;
  readonly metrics: Pick<
    Engine['metrics'],
    'countByName' | 'workflowAggregates' | 'stepAggregates'
  >;
  readonly schedules: Pick<
    Engine['schedules'],
    'list' | 'get' | 'pause' | 'resume' | 'trigger' | 'backfill'
  >;
  readonly versions: Pick<Engine['versions'], 'list' | 'setLatest'>;
  readonly alerts: Pick<Engine['alerts'], 'deliver'>;
};

/** Who this executor is, as reported in `executor_info` and used to scope requests. */
export interface ExecutorIdentity {
  readonly executorId: string;
  readonly applicationVersion: string;
  readonly applicationName: string;
  readonly metadata: Record<string, unknown> | undefined;
  /** How often this process polls its queues (reported with them). */
  readonly queuePollIntervalMs: number;
}

// Why an active workflow is (or is not) making progress, from the control plane's executor
// records: who runs a PENDING one, whether that executor is alive, and when and by whom its
// workflows are recovered if not; whether anything can dequeue an ENQUEUED one (queued
// workflows run only on their own application version). DBOS shows only executor status;
// operators ask "why is this stuck?".
import type { Executor, Queue, Workflow } from '@podium/protocol/rest';
import { formatRelative } from '../../lib/format';
import { describeLimits } from '../queues/limits';
import { visibleQueueName } from './queue-name';
import type { StatusTone } from '../../components/ui/status-badge';

export type ExecutionState =
  | 'queued'
  | 'no-version'
  | 'running'
  | 'disconnected'
  | 'awaiting-version'
  | 'recovering'
  | 'recovered'
  | 'unknown-executor';

export interface ExecutionExplanation {
  state: ExecutionState;
  tone: StatusTone;
  text: string;
}

/** What the console knows of an ENQUEUED workflow's queue (each part only once fetched). */
export interface QueueContext {
  config?: Queue | undefined;
  /** Queued workflows of this queue, oldest first, as `GET .../queues/{q}/workflows` lists them. */
  members?: Pick<Workflow, 'workflowId' | 'status'>[] | undefined;
}

interface Context {
  executors: Executor[];
  gracePeriodSeconds: number;
  now?: number;
  queue?: QueueContext;
}

type Explained = Pick<
  Workflow,
  'workflowId' | 'status' | 'executorId' | 'appVersion' | 'queueName'
>;

/** Null unless the workflow is ENQUEUED, or PENDING with an executor: nothing to explain. */
export function explainExecution(
  workflow: Explained,
  context: Context,
): ExecutionExplanation | null {
  if (workflow.status === 'ENQUEUED') {
    return explainQueued(workflow, context.executors, context.queue);
  }
  return workflow.status === 'PENDING' ? explainPending(workflow, context) : null;
}

function explainQueued(
  workflow: Explained,
  executors: Executor[],
  queueContext: QueueContext = {},
): ExecutionExplanation {
  const version = workflow.appVersion;
  const name = visibleQueueName(workflow.queueName);
  const queue = name ? `queue ${name}` : 'its queue';
  const runners = executors.filter(
    (e) => e.status === 'HEALTHY' && (version === null || e.appVersion === version),
  ).length;
  if (runners === 0) {
    return {
      state: 'no-version',
      tone: 'bad',
      text:
        `Waits on ${queue}, but no connected executor runs version ${version ?? 'any'}: ` +
        'queued workflows run only on their own version, so it starts once one connects.',
    };
  }
  return {
    state: 'queued',
    tone: 'info',
    text:
      `Waits its turn on ${queue}; ${runners} connected executor${runners === 1 ? '' : 's'} can run it.` +
      describeStanding(workflow, queueContext),
  };
}

/** " 2 queued ahead of it; 4 running; concurrency 4 at once." — the parts that are known. */
function describeStanding(workflow: Explained, { config, members }: QueueContext): string {
  const parts: string[] = [];
  const index = members?.findIndex((m) => m.workflowId === workflow.workflowId) ?? -1;
  if (members && index >= 0) {
    const ahead = members.slice(0, index).filter((m) => m.status === 'ENQUEUED').length;
    parts.push(ahead === 0 ? 'it is next in line' : `${ahead} queued ahead of it`);
  }
  const running = members?.filter((m) => m.status === 'PENDING').length;
  if (running !== undefined) parts.push(`${running} running`);
  if (config) {
    const { concurrency, rateLimit } = describeLimits(config);
    parts.push(`concurrency ${concurrency}`);
    if (rateLimit !== 'none') parts.push(`rate limit ${rateLimit}`);
  }
  return parts.length === 0 ? '' : ` ${capitalize(parts.join('; '))}.`;
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function explainPending(
  workflow: Explained,
  { executors, gracePeriodSeconds, now = Date.now() }: Context,
): ExecutionExplanation | null {
  const { executorId, appVersion: version } = workflow;
  if (!executorId) return null;
  const owner = executors.find((e) => e.executorId === executorId);
  const peers = executors.filter(
    (e) => e.status === 'HEALTHY' && e.appVersion === version && e.executorId !== executorId,
  ).length;
  const takers =
    peers === 0
      ? `no executor of version ${version} is connected to take it over`
      : `${peers} connected executor${peers === 1 ? '' : 's'} of version ${version} can take it over`;

  if (!owner) {
    return {
      state: 'unknown-executor',
      tone: 'warn',
      text:
        `Executor ${executorId} has no record on this control plane (it never connected here), ` +
        'so nothing tells whether it is alive and nothing here recovers its workflows. If that ' +
        'process is gone, resume the workflow to have a connected executor run it.',
    };
  }
  // A stopped executor (it shut down on purpose) goes through the same grace period and
  // recovery as a lost one: explained by where that stands, in words that say "stopped".
  const { stopped } = owner;
  switch (owner.status) {
    case 'HEALTHY':
      return {
        state: 'running',
        tone: 'ok',
        text: `Runs on executor ${executorId}${owner.hostname ? ` (${owner.hostname})` : ''}, connected.`,
      };
    case 'DISCONNECTED': {
      const since = owner.disconnectedAt ?? owner.lastSeenAt;
      const deadline = Date.parse(since) + gracePeriodSeconds * 1000;
      const when =
        deadline > now
          ? `it is declared dead ${formatRelative(new Date(deadline).toISOString(), now)}`
          : 'its grace period is over: it is being declared dead';
      return {
        state: 'disconnected',
        tone: 'warn',
        text:
          `Executor ${executorId} ${stopped ? 'stopped' : 'disconnected'} ${formatRelative(since, now)}. Unless it ` +
          `reconnects, ${when} and its workflows are recovered; ${takers}.`,
      };
    }
    case 'DEAD':
      if (owner.recoveredAt) {
        return {
          state: 'recovered',
          tone: 'info',
          text:
            `Executor ${executorId} ${stopped ? 'stopped' : 'died'}; its workflows were handed over ` +
            `${formatRelative(owner.recoveredAt, now)} and this one runs again once picked up.`,
        };
      }
      return peers === 0
        ? {
            state: 'awaiting-version',
            tone: 'bad',
            text: `Executor ${executorId} is ${stopped ? 'stopped' : 'dead'} and ${takers}: recovery waits for one to connect.`,
          }
        : {
            state: 'recovering',
            tone: 'warn',
            text: `Executor ${executorId} is ${stopped ? 'stopped' : 'dead'}; its recovery is under way (${takers}).`,
          };
  }
}

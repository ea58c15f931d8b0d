/**
 * The conductor agent: makes this process an executor of the Podium control plane (or any
 * DBOS Conductor-compatible one). It keeps the link up (connection.ts), answers every request
 * (dispatch.ts, with the handlers below) and closes the link on shutdown.
 *
 * Invariants: the agent is out of band. `start()` returns at once and nothing the control
 * plane does (absent, refusing, slow, sending garbage) delays, fails or crashes the app; the
 * app's workflows never wait on the agent. `stop()` answers the requests in flight first,
 * then closes the link.
 */
import type { PartialExecutorRequestHandlers } from '@podium/protocol';
import { guardedLogger, type Logger } from '../logger';
import {
  ConductorConnection,
  type ConnectionTimings,
  DEFAULT_CONNECTION_TIMINGS,
} from './connection';
import { communicationHandlers } from './communication-handlers';
import { Dispatcher } from './dispatch';
import { alertHandler } from './alert-handler';
import { executorHandlers } from './executor-handlers';
import { historyHandlers } from './history-handlers';
import { observabilityHandlers } from './observability-handlers';
import type { AgentOperations, ExecutorIdentity } from './operations';
import { scheduleHandlers } from './schedule-handlers';
import type { ConductorSettings } from './settings';
import { versionHandlers } from './version-handlers';
import { workflowHandlers } from './workflow-handlers';

export interface AgentTimings extends ConnectionTimings {
  /** How long `stop()` waits for requests in flight before closing the link. */
  drainTimeoutMs: number;
}

export const DEFAULT_AGENT_TIMINGS: AgentTimings = {
  ...DEFAULT_CONNECTION_TIMINGS,
  drainTimeoutMs: 10_000,
};

/** Every request type this SDK answers; any other gets "Unknown message type". */
export function agentHandlers(
  ops: AgentOperations,
  identity: ExecutorIdentity,
): PartialExecutorRequestHandlers {
  return {
    ...executorHandlers(ops, identity),
    ...workflowHandlers(ops, identity.applicationName),
    ...communicationHandlers(ops),
    ...historyHandlers(ops),
    ...scheduleHandlers(ops, identity.applicationName),
    ...versionHandlers(ops),
    ...alertHandler(ops),
    ...observabilityHandlers(ops, identity.applicationName),
  };
}

export class ConductorAgent {
  private readonly connection: ConductorConnection;
  private readonly dispatcher: Dispatcher;
  private readonly logger: Logger;

  constructor(
    settings: Pick<ConductorSettings, 'url' | 'redactedUrl'> &
      Partial<Pick<ConductorSettings, 'requestLimits'>>,
    handlers: PartialExecutorRequestHandlers,
    logger: Logger,
    private readonly timings: AgentTimings = DEFAULT_AGENT_TIMINGS,
  ) {
    this.logger = guardedLogger(logger);
    // A session is healthy once the control plane has our identity: the backoff starts over.
    this.dispatcher = new Dispatcher(handlers, this.logger, {
      limits: settings.requestLimits,
      onAnswered: (type) => {
        if (type === 'executor_info') this.connection.markHealthy();
      },
    });
    this.connection = new ConductorConnection(
      settings,
      (frame, reply) => this.dispatcher.dispatch(frame, reply),
      this.logger,
      timings,
    );
  }

  start(): void {
    this.connection.start();
  }

  async stop(): Promise<void> {
    await this.dispatcher.drain(this.timings.drainTimeoutMs);
    await this.connection.stop();
  }
}

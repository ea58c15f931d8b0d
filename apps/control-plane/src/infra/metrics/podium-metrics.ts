import { Injectable } from '@nestjs/common';
import type { MessageType } from '@podium/protocol';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The control plane's own health as Prometheus metrics (`GET /metrics`): this process's
 * executor links, commands, refusals, recoveries and live streams, plus Node's process metrics
 * (event-loop lag among them). Never tenant data: no label names a workflow, organization or
 * application, so every label has a short, fixed set of values (message types included: the
 * protocol's catalog).
 *
 * One instance per control plane (each replica, and each control plane a test starts in one
 * process, has a registry of its own); what others report goes through the `record*` methods,
 * and what they hold is read at scrape time through the `observe*` sources.
 */

/** How a command sent on an executor link ended. */
export const COMMAND_OUTCOMES = [
  'answered',
  /** It answered with `error_message`. */
  'error',
  /** "Unknown message type": an older executor. */
  'unsupported',
  /** Refused unrun by a busy @podium/sdk executor (EXECUTOR_BUSY_ERROR). */
  'busy',
  'no_answer',
  'disconnected',
  'invalid_response',
  'answer_too_large',
] as const;
export type CommandOutcome = (typeof COMMAND_OUTCOMES)[number];

/** Why a caller or an executor was turned away. */
export const REFUSAL_REASONS = [
  /** Sign-in attempts past the per-address or per-account-and-address limit. */
  'sign_in_rate_limited',
  'sign_up_rate_limited',
  /** A caller asking for more live streams than it may hold at once. */
  'live_streams_per_caller',
  /** An API key not seen valid lately, from an address past its budget of lookups (429). */
  'api_key_rate_limited',
  /** HTTP: no credentials, or an unknown, revoked or expired API key or session. */
  'unauthenticated',
  /** HTTP: a member or key lacking the level a route needs. */
  'forbidden',
  /** Executor upgrade: bad, revoked or expired key (401). */
  'executor_unauthenticated',
  /** Executor upgrade: a key without `websocket.connect` (403). */
  'executor_forbidden',
  /** Executor upgrade: unknown application or one outside the key's scope (404). */
  'executor_not_found',
  /** Executor upgrade: its application holds as many links as it may (429). */
  'executor_limit_reached',
] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

export const RECOVERY_STAGES = [
  /** `recovery` was sent for a dead executor. */
  'started',
  /** A dead executor was confirmed recovered (nothing of it left PENDING). */
  'confirmed',
  /** A `recovery` sent failed or left workflows PENDING (retried later). */
  'failed',
] as const;
export type RecoveryStage = (typeof RECOVERY_STAGES)[number];

/** The executor links this process holds, by state. */
export const LINK_STATES = ['handshake', 'connected', 'closing'] as const;
export type LinkState = (typeof LINK_STATES)[number];
export type LinkStateCounts = Readonly<Record<LinkState, number>>;

/** Command latencies: a local answer takes a millisecond, a slow executor up to the timeout. */
const COMMAND_SECONDS_BUCKETS = [
  0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30,
];

/**
 * Node's own metrics (`process_*`, `nodejs_*`, event-loop lag included) describe the process,
 * whatever number of control planes it runs: collected once, into a registry of their own.
 */
let processRegistry: Registry | undefined;
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

@Injectable()
export class PodiumMetrics {
  private readonly registry = new Registry();
  private linkStates: () => LinkStateCounts = () => ({ handshake: 0, connected: 0, closing: 0 });
  private liveStreams: () => number = () => 0;

  private readonly commands = new Counter({
    name: 'podium_executor_commands_total',
    help: 'Commands sent on executor links held by this process, by message type and outcome.',
    labelNames: ['type', 'outcome'] as const,
    registers: [this.registry],
  });
  private readonly commandSeconds = new Histogram({
    name: 'podium_executor_command_duration_seconds',
    help: 'Time from sending a command on an executor link to its outcome, by message type.',
    labelNames: ['type'] as const,
    buckets: COMMAND_SECONDS_BUCKETS,
    registers: [this.registry],
  });
  private readonly refusals = new Counter({
    name: 'podium_refusals_total',
    help: 'Callers and executors turned away by authentication or rate limits, by reason.',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });
  private readonly recoveries = new Counter({
    name: 'podium_executor_recoveries_total',
    help: 'Dead-executor recoveries run by this process, by stage.',
    labelNames: ['stage'] as const,
    registers: [this.registry],
  });

  private readonly links: Gauge<'state'> = new Gauge({
    name: 'podium_executor_links',
    help: 'Executor WebSocket links held by this process, by state.',
    labelNames: ['state'] as const,
    registers: [this.registry],
    collect: () => {
      const counts = this.linkStates();
      for (const state of LINK_STATES) this.links.set({ state }, counts[state]);
    },
  });
  private readonly streams: Gauge = new Gauge({
    name: 'podium_live_streams',
    help: 'Open live streams (server-sent events) served by this process.',
    registers: [this.registry],
    collect: () => this.streams.set(this.liveStreams()),
  });

  constructor() {
    // Every series exists from the start, so increase() sees the first event.
    for (const reason of REFUSAL_REASONS) this.refusals.inc({ reason }, 0);
    for (const stage of RECOVERY_STAGES) this.recoveries.inc({ stage }, 0);
  }

  /** One command's outcome on a link, `seconds` after it was sent. */
  recordCommand(type: MessageType, outcome: CommandOutcome, seconds: number): void {
    this.commands.inc({ type, outcome });
    this.commandSeconds.observe({ type }, seconds);
  }

  recordRefusal(reason: RefusalReason): void {
    this.refusals.inc({ reason });
  }

  recordRecovery(stage: RecoveryStage): void {
    this.recoveries.inc({ stage });
  }

  /** Where the link counts come from (the executor links service). */
  observeExecutorLinks(source: () => LinkStateCounts): void {
    this.linkStates = source;
  }

  /** Where the open live stream count comes from. */
  observeLiveStreams(source: () => number): void {
    this.liveStreams = source;
  }

  /** The exposition text and its content type (Prometheus text format 0.0.4). */
  async render(): Promise<{ contentType: string; text: string }> {
    const merged = Registry.merge([processMetrics(), this.registry]);
    return { contentType: merged.contentType, text: await merged.metrics() };
  }
}

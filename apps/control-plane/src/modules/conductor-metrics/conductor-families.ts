/**
 * DBOS Conductor's `/v1/metrics` families (all gauges, `dbos_conductor_v1_<name>`, each with an
 * `application` label). `rate`: per-second average over the window (count ÷ 60), `windowed`:
 * the maximum over it, both stamped with the window; `point`: the value now, unstamped.
 */
export const FAMILY_PREFIX = 'dbos_conductor_v1_';

export type FamilyKind = 'rate' | 'windowed' | 'point';

export const CONDUCTOR_FAMILIES = {
  workflow_started_rate: { kind: 'rate', help: 'Workflows created per second.' },
  workflow_dequeued_rate: { kind: 'rate', help: 'Workflows dequeued per second.' },
  workflow_success_rate: { kind: 'rate', help: 'Workflows that succeeded, per second.' },
  workflow_failed_rate: {
    kind: 'rate',
    help: 'Workflows that ended ERROR or MAX_RECOVERY_ATTEMPTS_EXCEEDED, per second.',
  },
  workflow_cancelled_rate: { kind: 'rate', help: 'Workflows cancelled, per second.' },
  workflow_enqueued_count: { kind: 'point', help: 'Workflows ENQUEUED now.' },
  workflow_pending_count: { kind: 'point', help: 'Workflows PENDING now.' },
  workflow_oldest_enqueued_timestamp_seconds: {
    kind: 'point',
    help: 'Creation time (Unix seconds) of the oldest ENQUEUED workflow; absent if none.',
  },
  workflow_oldest_pending_timestamp_seconds: {
    kind: 'point',
    help: 'Creation time (Unix seconds) of the oldest PENDING workflow; absent if none.',
  },
  workflow_max_queue_wait_seconds: {
    kind: 'windowed',
    help: 'Longest wait from creation to start among workflows that succeeded.',
  },
  workflow_max_total_latency_seconds: {
    kind: 'windowed',
    help: 'Longest time from creation to completion among workflows that succeeded.',
  },
  step_success_rate: { kind: 'rate', help: 'Steps completed without error, per second.' },
  step_failed_rate: { kind: 'rate', help: 'Steps completed with an error, per second.' },
  step_max_duration_seconds: { kind: 'windowed', help: 'Longest successful step.' },
  executor_count: { kind: 'point', help: 'Registered executors, by status and version.' },
} as const satisfies Record<string, { kind: FamilyKind; help: string }>;

export type ConductorFamily = keyof typeof CONDUCTOR_FAMILIES;

/** One sample of a family, its labels besides `application`. */
export interface GaugeSample {
  readonly family: ConductorFamily;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

/** A requested family name, with or without the prefix; undefined when it names none. */
export function familyNamed(name: string): ConductorFamily | undefined {
  const short = name.startsWith(FAMILY_PREFIX) ? name.slice(FAMILY_PREFIX.length) : name;
  return short in CONDUCTOR_FAMILIES ? (short as ConductorFamily) : undefined;
}

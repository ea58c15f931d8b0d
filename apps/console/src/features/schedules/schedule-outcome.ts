// What the last schedule action really did, in the operator's words (its answer, not its ask).
export type ScheduleOutcome =
  | { kind: 'paused' | 'resumed'; name: string }
  | { kind: 'triggered'; name: string; workflowId: string }
  | { kind: 'backfilled'; name: string; workflowIds: string[]; ticks: number };

export function describeOutcome(outcome: ScheduleOutcome): string {
  switch (outcome.kind) {
    case 'paused':
      return `Paused ${outcome.name}: it starts no runs until it is resumed.`;
    case 'resumed':
      return `Resumed ${outcome.name}.`;
    case 'triggered':
      return `Started one run of ${outcome.name}:`;
    case 'backfilled': {
      const started = outcome.workflowIds.length;
      const skipped = outcome.ticks - started;
      const runs = `${started} run${started === 1 ? '' : 's'}`;
      return skipped > 0
        ? `Backfilled ${outcome.name}: started ${runs}; ${skipped} tick${skipped === 1 ? ' had' : 's had'} already run.`
        : `Backfilled ${outcome.name}: started ${runs}.`;
    }
  }
}

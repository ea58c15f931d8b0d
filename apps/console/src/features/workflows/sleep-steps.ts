import type { WorkflowStep } from '@podium/protocol/rest';

/**
 * Durable sleeps are checkpointed as steps whose output is the wake-up time as a number: epoch
 * milliseconds from TypeScript executors (`podium.sleep`, DBOS's `DBOS.sleep`), epoch seconds
 * from Python's `DBOS.sleep`. Shown raw, that is an unreadable number; this reads it back.
 */
const SLEEP_STEP = /(^|\.)sleep$/i;
/** Below this an epoch value is in seconds (1e11 ms is 1973; 1e11 s is far in the future). */
const SECONDS_BELOW = 1e11;

/** When a sleep step wakes (or woke) up, as an ISO timestamp; null for other steps. */
export function sleepWakeUpAt(step: Pick<WorkflowStep, 'stepName' | 'output'>): string | null {
  if (!SLEEP_STEP.test(step.stepName) || step.output === null) return null;
  const value = Number(step.output.trim());
  if (!Number.isFinite(value) || value <= 0) return null;
  const ms = value < SECONDS_BELOW ? value * 1000 : value;
  const at = new Date(ms);
  return Number.isNaN(at.getTime()) ? null : at.toISOString();
}

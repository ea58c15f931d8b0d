// What a PENDING workflow waits on, read from its recorded steps. Both DBOS (TS 5.x, Python)
// and @podium/sdk checkpoint a durable sleep as a `…sleep` step whose output is the wake-up
// time, recorded before sleeping; recv and getEvent first record their timeout the same way
// (a sleep step one function id after their own) and record their own step — with the topic
// or key it carried — only once they return. So a waiting recv/getEvent shows as a sleep step
// with a gap just before it, and which topic or key it waits for is not in the steps at all.
import type { WorkflowStep } from '@podium/protocol/rest';
import { sleepWakeUpAt } from './sleep-steps';

/** recv / getEvent steps, whose deadline is the sleep step right after them. */
const RECEIVE_STEP = /(^|\.)(recv|getEvent|get_event)$/i;

type Step = Pick<WorkflowStep, 'stepId' | 'stepName' | 'output' | 'childWorkflowId' | 'startedAt'>;

export type WaitingOn =
  /** A durable sleep (`DBOS.sleep`, `podium.sleep`) that wakes at `until`. */
  | { kind: 'sleep'; until: string }
  /** recv or getEvent, waiting since `since`; gives up (returns null) at `until`. */
  | { kind: 'message-or-event'; since: string | null; until: string }
  /** The last recorded step started this child workflow: most likely awaiting its result. */
  | { kind: 'child'; childWorkflowId: string; since: string | null };

/**
 * Null when the steps say nothing about a wait (the workflow runs a step, which is recorded only
 * once it finishes). `firstFunctionId` is 1 for Python executors, 0 for all others.
 */
export function waitingOn(steps: Step[], now: number, firstFunctionId = 0): WaitingOn | null {
  if (steps.length === 0) return null;
  const last = steps.reduce((a, b) => (b.stepId > a.stepId ? b : a));
  const wakeUpAt = sleepWakeUpAt(last);
  if (wakeUpAt !== null) {
    if (Date.parse(wakeUpAt) <= now) return null;
    const timeoutOf = last.stepId - 1;
    const before = steps.find((s) => s.stepId === timeoutOf);
    // A recv/getEvent that returned early leaves its (future) deadline behind: no wait.
    if (before && RECEIVE_STEP.test(before.stepName)) return null;
    return !before && timeoutOf >= firstFunctionId
      ? { kind: 'message-or-event', since: last.startedAt, until: wakeUpAt }
      : { kind: 'sleep', until: wakeUpAt };
  }
  if (last.childWorkflowId) {
    return { kind: 'child', childWorkflowId: last.childWorkflowId, since: last.startedAt };
  }
  return null;
}

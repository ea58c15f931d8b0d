// Which actions each workflow status allows. Statuses are strings from the executor; newer
// SDKs may report ones this console does not know (no action is offered on them).
/**
 * Which statuses each action applies to. Cancel stops an active workflow at its next step and
 * takes it off its queue. Resume continues from the last completed step, bypassing the queue;
 * as DBOS does, anything not finished resumes (SUCCESS and ERROR are final: fork those).
 * Delete is offered only on workflows that no longer run (cancel first), so no executor is
 * left running a workflow whose record is gone. Fork from failure re-runs a workflow that did
 * not succeed from its failed (or last) step.
 */
const ALLOWED = {
  cancel: new Set(['PENDING', 'ENQUEUED', 'DELAYED']),
  resume: new Set([
    'PENDING',
    'ENQUEUED',
    'DELAYED',
    'CANCELLED',
    'MAX_RECOVERY_ATTEMPTS_EXCEEDED',
  ]),
  delete: new Set(['SUCCESS', 'ERROR', 'CANCELLED', 'MAX_RECOVERY_ATTEMPTS_EXCEEDED']),
  forkFromFailure: new Set(['ERROR', 'CANCELLED', 'MAX_RECOVERY_ATTEMPTS_EXCEEDED']),
};
/** An action that only some statuses allow (fork from a chosen step is always offered). */
export type StatusAction = keyof typeof ALLOWED;

export function allows(action: StatusAction, status: string | null): boolean {
  return status !== null && ALLOWED[action].has(status);
}

export const canCancel = (status: string | null) => allows('cancel', status);
export const canResume = (status: string | null) => allows('resume', status);

const REFUSAL: Record<StatusAction, (status: string) => string> = {
  cancel: (status) => `A workflow in ${status} cannot be cancelled.`,
  resume: (status) => `A workflow in ${status} cannot be resumed.`,
  delete: (status) =>
    ALLOWED.cancel.has(status)
      ? `A workflow in ${status} is still active: cancel it first.`
      : `A workflow in ${status} cannot be deleted.`,
  forkFromFailure: (status) => `A workflow in ${status} did not fail.`,
};

/** Rewind (DBOS TS ≥ 5.1, Podium SDK) re-runs only a workflow that no longer runs. */
const REWINDABLE = new Set(['SUCCESS', 'ERROR', 'CANCELLED', 'MAX_RECOVERY_ATTEMPTS_EXCEEDED']);

/** Why rewind is not offered, for the disabled button's tooltip. */
export function rewindBlockedReason(status: string | null): string | undefined {
  if (status !== null && REWINDABLE.has(status)) return undefined;
  const shown = status ?? 'UNKNOWN';
  return ALLOWED.cancel.has(shown)
    ? `A workflow in ${shown} is still active: cancel it first.`
    : `A workflow in ${shown} cannot be rewound.`;
}

/** Why an action is not offered, for the disabled button's tooltip. */
export function actionBlockedReason(
  action: StatusAction | 'fork',
  status: string | null,
  mayOperate: boolean,
): string | undefined {
  if (!mayOperate) return 'Your role can view workflows but not act on them.';
  if (action === 'fork' || allows(action, status)) return undefined;
  return REFUSAL[action](status ?? 'UNKNOWN');
}

// What each workflow status looks like and which actions it allows. Statuses are strings
// from the executor; newer SDKs may report ones this console does not know (neutral, and no
// action is offered on them).
import type { StatusTone } from '../../components/ui/status-badge';

const TONES: Record<string, StatusTone> = {
  SUCCESS: 'ok',
  ERROR: 'bad',
  MAX_RECOVERY_ATTEMPTS_EXCEEDED: 'bad',
  CANCELLED: 'neutral',
  PENDING: 'info',
  ENQUEUED: 'warn',
  DELAYED: 'warn',
};

export function statusTone(status: string | null): StatusTone {
  return (status && TONES[status]) || 'neutral';
}

/** Cancel stops an active workflow at its next step and takes it off its queue. */
const CANCELLABLE = new Set(['PENDING', 'ENQUEUED', 'DELAYED']);
/**
 * Resume continues from the last completed step, bypassing the workflow's queue. As DBOS does,
 * anything not finished resumes; SUCCESS and ERROR are final (fork those instead).
 */
const RESUMABLE = new Set([
  'PENDING',
  'ENQUEUED',
  'DELAYED',
  'CANCELLED',
  'MAX_RECOVERY_ATTEMPTS_EXCEEDED',
]);

export function canCancel(status: string | null): boolean {
  return status !== null && CANCELLABLE.has(status);
}

export function canResume(status: string | null): boolean {
  return status !== null && RESUMABLE.has(status);
}

/** Why an action is not offered, for the disabled button's tooltip. */
export function actionBlockedReason(
  action: 'cancel' | 'resume' | 'fork',
  status: string | null,
  mayOperate: boolean,
): string | undefined {
  if (!mayOperate) return 'Your role can view workflows but not act on them.';
  if (action === 'cancel' && !canCancel(status)) {
    return `A ${status ?? 'workflow of unknown status'} workflow cannot be cancelled.`;
  }
  if (action === 'resume' && !canResume(status)) {
    return `A ${status ?? 'workflow of unknown status'} workflow cannot be resumed.`;
  }
  return undefined;
}

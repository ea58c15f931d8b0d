// What each workflow status looks like (a status this console does not know is neutral).
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

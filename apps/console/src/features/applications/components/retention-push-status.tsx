import type { RetentionPush } from '@podium/protocol/rest';
import { Timestamp } from '../../../components/ui/timestamp';

const OUTCOMES: Record<RetentionPush['outcome'], string> = {
  delivered: 'accepted by executor',
  failed: 'failed',
  no_executor: 'not sent: no executor connected',
};

/**
 * The last time the retention settings went to an executor, and how. "Accepted" is all an
 * executor says: DBOS TS 5 runs the deletion afterwards.
 */
export function RetentionPushStatus({ push }: { push: RetentionPush | null }) {
  return (
    <p className="muted" data-testid="last-retention-push" data-outcome={push?.outcome ?? 'none'}>
      Last retention push:{' '}
      {push ? (
        <>
          <Timestamp value={push.at} style="relative" /> — {OUTCOMES[push.outcome]}
          {push.executorId && <span className="mono"> {push.executorId}</span>}
          {push.detail && <> ({push.detail})</>}
        </>
      ) : (
        'none yet (pushed after a change, and periodically, while a threshold is set)'
      )}
    </p>
  );
}

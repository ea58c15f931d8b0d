'use client';

import type { LastKnown } from '@podium/protocol/rest';
import { Timestamp } from '../../../components/ui/timestamp';
import { LAST_KNOWN_BANNER_ID } from '../last-known';

/**
 * Shown above last-known data: no executor of the app is connected, so the control plane
 * answered from what executors last reported (metadata only, possibly out of date).
 */
export function LastKnownBanner({ lastKnown }: { lastKnown: LastKnown }) {
  return (
    <div
      className="reason reason-warn"
      role="status"
      id={LAST_KNOWN_BANNER_ID}
      data-testid="last-known-banner"
    >
      <strong>
        Last known at <Timestamp value={lastKnown.at} /> — {lastKnown.reason}.
      </strong>{' '}
      What executors reported then, without inputs, outputs or steps. Actions need a connected
      executor.
    </div>
  );
}

/** Shown where a section needs what only a live executor has. */
export function NeedsLiveExecutor({ what, testId }: { what: string; testId?: string }) {
  return (
    <p className="muted" data-testid={testId}>
      {what} need a connected executor; the last-known data does not keep them.
    </p>
  );
}

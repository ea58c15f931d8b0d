'use client';

import { Link } from '../../../components/ui/link';
import { Timestamp } from '../../../components/ui/timestamp';
import { formatCountdown, formatRelative } from '../../../lib/format';
import type { WaitingOn } from '../waiting-on';
import { workflowHref } from '../workflow-href';

/** One sentence on what a PENDING workflow waits on (`waiting-on.ts`), with a ticking countdown. */
export function WaitNote({
  org,
  app,
  wait,
  now,
}: {
  org: string;
  app: string;
  wait: WaitingOn;
  now: number;
}) {
  return (
    <p className="reason reason-info" data-testid="wait-note" data-kind={wait.kind}>
      {wait.kind === 'sleep' && (
        <>
          Sleeps durably until <Timestamp value={wait.until} />: wakes in{' '}
          <span data-testid="wait-countdown">{formatCountdown(wait.until, now)}</span>.
        </>
      )}
      {wait.kind === 'message-or-event' && (
        <>
          Waits for a message (recv) or for another workflow’s event (getEvent)
          {wait.since && ` since ${formatRelative(wait.since, now)}`}; gives up at{' '}
          <Timestamp value={wait.until} />, in{' '}
          <span data-testid="wait-countdown">{formatCountdown(wait.until, now)}</span>. The executor
          records the topic or event key only once the wait ends.
        </>
      )}
      {wait.kind === 'child' && (
        <>
          Started child workflow{' '}
          <Link className="mono" href={workflowHref(org, app, wait.childWorkflowId)}>
            {wait.childWorkflowId}
          </Link>
          {wait.since && ` ${formatRelative(wait.since, now)}`} and most likely waits on its result.
        </>
      )}
    </p>
  );
}

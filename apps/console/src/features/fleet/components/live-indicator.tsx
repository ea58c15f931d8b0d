'use client';

import { useAppContext } from '../../applications/components/app-context';

/** "● 2 executors connected", kept current by the live stream. */
export function LiveIndicator() {
  const { live } = useAppContext();
  const count = live.executors?.length;
  const text =
    count === undefined
      ? live.state === 'offline'
        ? 'live updates unavailable'
        : 'connecting…'
      : `${count} executor${count === 1 ? '' : 's'} connected`;
  return (
    <span
      className={`live-indicator live-${count ? 'up' : 'down'}`}
      data-testid="live-executors"
      data-count={count ?? ''}
      data-state={live.state}
      title={live.state === 'live' ? 'Live' : `Live stream: ${live.state}`}
    >
      <span className="live-dot" aria-hidden="true" />
      {text}
    </span>
  );
}

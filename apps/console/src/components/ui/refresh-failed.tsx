import { ProblemAlert } from './problem-alert';
import { Timestamp } from './timestamp';

interface RefreshFailedProps {
  /** The failed refresh's error; nothing is shown when it is null. */
  error: unknown;
  /** When what is still on screen was read (ms since the epoch). */
  readAt: number;
}

/**
 * A refresh that failed under an answer still on screen: the problem, and how old the answer
 * is. The page stays as it was (an open dialog included) and is asked for again as usual.
 */
export function RefreshFailed({ error, readAt }: RefreshFailedProps) {
  if (!error) return null;
  return (
    <div data-testid="refresh-failed">
      <ProblemAlert error={error} />
      <p className="muted">
        Showing what was read at <Timestamp value={new Date(readAt).toISOString()} />.
      </p>
    </div>
  );
}

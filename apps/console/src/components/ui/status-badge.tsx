export type StatusTone = 'ok' | 'bad' | 'neutral' | 'warn' | 'info';

interface StatusBadgeProps {
  tone: StatusTone;
  /** What the badge says; also exposed raw as `data-status` for tests. */
  status: string;
  testId?: string;
}

export function StatusBadge({ tone, status, testId }: StatusBadgeProps) {
  return (
    <span className={`badge badge-${tone}`} data-testid={testId} data-status={status}>
      {status}
    </span>
  );
}

import { formatDateTime, formatRelative } from '../../lib/format';

interface TimestampProps {
  /** An ISO timestamp; null or undefined shows a dash. */
  value: string | null | undefined;
  /** `relative`: "3 min ago", with the full time on hover. */
  style?: 'absolute' | 'relative';
}

export function Timestamp({ value, style = 'absolute' }: TimestampProps) {
  if (!value) return <span className="muted-inline">—</span>;
  return (
    <time dateTime={value} title={value}>
      {style === 'relative' ? formatRelative(value) : formatDateTime(value)}
    </time>
  );
}

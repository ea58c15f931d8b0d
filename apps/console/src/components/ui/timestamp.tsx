'use client';

import { formatDateTime, formatRelative } from '../../lib/format';
import { useTimeZone } from '../../lib/time-zone';

interface TimestampProps {
  /** An ISO timestamp; null or undefined shows a dash. */
  value: string | null | undefined;
  /** `relative`: "3 min ago", with the full time on hover. */
  style?: 'absolute' | 'relative';
}

/** A time in the operator's chosen zone (local or UTC, `lib/time-zone.ts`). */
export function Timestamp({ value, style = 'absolute' }: TimestampProps) {
  const zone = useTimeZone();
  if (!value) return <span className="muted-inline">—</span>;
  const absolute = formatDateTime(value, zone);
  return (
    <time dateTime={value} title={style === 'relative' ? absolute : value}>
      {style === 'relative' ? formatRelative(value) : absolute}
    </time>
  );
}

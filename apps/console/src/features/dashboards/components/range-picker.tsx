'use client';

import { usePathname, useRouter } from 'next/navigation';
import { TIME_RANGES, type TimeRange } from '../time-range';
import styles from './dashboards.module.css';

/** The time-range presets, as toggle buttons; the choice lives in the URL (`?range=`). */
export function RangePicker({ current }: { current: TimeRange }) {
  const router = useRouter();
  const pathname = usePathname();
  return (
    <div className={styles.rangePicker} role="group" aria-label="Time range">
      {TIME_RANGES.map((range) => (
        <button
          key={range.id}
          type="button"
          className="btn btn-small"
          aria-pressed={range.id === current.id}
          onClick={() => router.replace(`${pathname}?range=${range.id}`, { scroll: false })}
        >
          Last {range.label}
        </button>
      ))}
    </div>
  );
}

'use client';

import { useId } from 'react';
import { setTimeZone, useTimeZone, type TimeZoneSetting } from '../../../lib/time-zone';

/** Local time or UTC for every timestamp the console shows (remembered in this browser). */
export function TimeZoneSelect() {
  const id = useId();
  const zone = useTimeZone();
  return (
    <span className="time-zone-select">
      <label htmlFor={id} className="muted">
        Times in
      </label>{' '}
      <select
        id={id}
        value={zone}
        onChange={(event) => setTimeZone(event.target.value as TimeZoneSetting)}
        data-testid="time-zone"
      >
        <option value="local">local time</option>
        <option value="utc">UTC</option>
      </select>
    </span>
  );
}

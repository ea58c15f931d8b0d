'use client';

import { TIMELINE_EVENT_KINDS, type TimelineEventKind } from '@podium/protocol/rest';
import { keepPreviousData, useQuery } from '../../../lib/query';
import { useState } from 'react';
import { EmptyState } from '../../../components/ui/empty-state';
import { Panel } from '../../../components/ui/panel';
import { QueryList } from '../../../components/ui/query-list';
import { SelectField } from '../../../components/ui/select-field';
import { can } from '../../../lib/roles';
import { useTimeZone } from '../../../lib/time-zone';
import { useOrgRole } from '../../organizations/queries';
import type { TimelineFilters } from '../api';
import { timelineQueries } from '../queries';
import {
  KIND_DISPLAY,
  RANGE_PRESETS,
  type RangePresetId,
  groupByDay,
  startTimeOf,
} from '../timeline-entries';
import { TimelineEntry } from './timeline-entry';

const PAGE = 100;

/**
 * The incident timeline of an organization (`app` null) or one application: a vertical time
 * axis grouped by day, newest first, filtered by kind and by a range preset.
 */
export function TimelineView({ org, app }: { org: string; app: string | null }) {
  const zone = useTimeZone();
  // Operator actions are the audit log's: only its readers are sent them, so only they filter them.
  const readsAudit = can(useOrgRole(org), 'organization.read');
  const kindChoices = TIMELINE_EVENT_KINDS.filter((kind) => kind !== 'audit' || readsAudit);
  const [kinds, setKinds] = useState<readonly TimelineEventKind[]>([]);
  const [range, setRange] = useState<RangePresetId>('7d');
  const [startTime, setStartTime] = useState(() => startTimeOf('7d', Date.now()));
  const [limit, setLimit] = useState(PAGE);
  const filters: TimelineFilters = { kinds, startTime, limit };
  const timeline = useQuery({
    ...timelineQueries.list(org, app, filters),
    placeholderData: keepPreviousData,
  });
  const toggle = (kind: TimelineEventKind, on: boolean) => {
    setKinds(on ? [...kinds, kind] : kinds.filter((k) => k !== kind));
    setLimit(PAGE);
  };
  const chooseRange = (preset: RangePresetId) => {
    setRange(preset);
    setStartTime(startTimeOf(preset, Date.now()));
    setLimit(PAGE);
  };

  return (
    <Panel title={app ? 'Timeline' : 'Organization timeline'} testId="timeline">
      <form className="form timeline-filters" aria-label="Filter timeline">
        <SelectField
          label="Range"
          value={range}
          onChange={(e) => chooseRange(e.target.value as RangePresetId)}
          className="compact"
        >
          {RANGE_PRESETS.map((preset) => (
            <option key={preset.id} value={preset.id}>
              {preset.label}
            </option>
          ))}
        </SelectField>
        <fieldset className="checkbox-group timeline-kinds">
          <legend>Kinds (none checked: all)</legend>
          {kindChoices.map((kind) => (
            <label key={kind} className="checkbox">
              <input
                type="checkbox"
                checked={kinds.includes(kind)}
                onChange={(e) => toggle(kind, e.target.checked)}
              />
              {KIND_DISPLAY[kind].label}
            </label>
          ))}
        </fieldset>
      </form>
      <QueryList
        items={timeline.data}
        error={timeline.error}
        empty={<EmptyState title="Nothing happened in this range" />}
      >
        {(events) => (
          <ol className="timeline" aria-label="Events by day, newest first">
            {groupByDay(events, zone).map(({ day, events: ofDay }) => (
              <li key={day} className="timeline-day">
                <h3 id={`timeline-day-${day}`}>{day}</h3>
                <ol aria-labelledby={`timeline-day-${day}`}>
                  {ofDay.map((event) => (
                    <TimelineEntry
                      key={`${event.at}-${event.kind}-${event.target.id}`}
                      org={org}
                      event={event}
                      showApplication={app === null}
                    />
                  ))}
                </ol>
              </li>
            ))}
          </ol>
        )}
      </QueryList>
      {timeline.data?.length === limit && (
        <button type="button" className="btn btn-small" onClick={() => setLimit(limit + PAGE)}>
          Show older events
        </button>
      )}
    </Panel>
  );
}

'use client';

import { WORKFLOW_STATUSES, type WorkflowStatus } from '@podium/protocol/rest';
import { useState, type FormEvent } from 'react';
import { SelectField } from '../../../components/ui/select-field';
import { TextField } from '../../../components/ui/text-field';
import {
  DEFAULT_FILTERS,
  hasMoreFilters,
  TEXT_FILTERS,
  TIME_WINDOWS,
  type TextFilters,
  type TimeWindow,
  type WorkflowFilters,
} from '../filters';
import styles from './workflow-filter-bar.module.css';
import { WorkflowNamePicker, type WorkflowName } from './workflow-name-picker';

interface WorkflowFilterBarProps {
  filters: WorkflowFilters;
  onChange: (filters: WorkflowFilters) => void;
  /** Per status, what the other filters match (from the executor's aggregates), when known. */
  statusCounts?: ReadonlyMap<string, number>;
  /** The app's workflow names for the name picker, when known. */
  names?: readonly WorkflowName[];
}

const number = new Intl.NumberFormat('en-US');

const sameText = (a: TextFilters, b: TextFilters) =>
  TEXT_FILTERS.every(({ key }) => a[key] === b[key]);

const trimmed = (text: TextFilters) =>
  Object.fromEntries(
    Object.entries(text).map(([key, value]) => [key, value.trim()]),
  ) as TextFilters;

/**
 * Status and time window apply as soon as they change; the text filters on Enter or
 * "Apply" (so typing does not fire a request per key).
 */
export function WorkflowFilterBar({
  filters,
  onChange,
  statusCounts,
  names,
}: WorkflowFilterBarProps) {
  const [text, setText] = useState(filters.text);
  // The URL's text filters changed (applied here, or Back): the fields show them. Adjusted
  // while rendering, not by remounting the bar, which lost the focus on every Apply.
  const [shownText, setShownText] = useState(filters.text);
  if (!sameText(shownText, filters.text)) {
    setShownText(filters.text);
    setText(filters.text);
  }
  const apply = (change: Partial<WorkflowFilters>) =>
    onChange({ ...filters, text: trimmed(text), ...change, offset: 0 });

  const toggleStatus = (status: WorkflowStatus) =>
    apply({
      status: filters.status.includes(status)
        ? filters.status.filter((s) => s !== status)
        : [...filters.status, status],
    });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    apply({});
  };

  const clear = () => {
    setText(DEFAULT_FILTERS.text);
    onChange({ ...DEFAULT_FILTERS, limit: filters.limit });
  };

  const field = ({ key, label, hint }: (typeof TEXT_FILTERS)[number]) =>
    key === 'name' ? (
      <WorkflowNamePicker
        key={key}
        value={text.name}
        onChange={(name) => setText({ ...text, name })}
        onPick={(name) => {
          setText({ ...text, name });
          onChange({ ...filters, text: { ...trimmed(text), name }, offset: 0 });
        }}
        names={names}
      />
    ) : (
      <TextField
        key={key}
        label={label}
        value={text[key]}
        onChange={(event) => setText({ ...text, [key]: event.target.value })}
        placeholder={hint}
        className="compact"
      />
    );

  return (
    <form className="filter-bar" onSubmit={submit} aria-label="Filter workflows">
      <fieldset className="chip-group">
        <legend>Status</legend>
        {WORKFLOW_STATUSES.map((status) => (
          <label key={status} className="chip">
            <input
              type="checkbox"
              checked={filters.status.includes(status)}
              onChange={() => toggleStatus(status)}
            />
            <span>{status}</span>
            {statusCounts && (
              <span className={styles.count} data-testid={`status-count-${status}`}>
                {number.format(statusCounts.get(status) ?? 0)}
              </span>
            )}
          </label>
        ))}
      </fieldset>
      <div className="filter-row">
        {TEXT_FILTERS.filter((f) => !('more' in f)).map(field)}
        <SelectField
          label="Created"
          value={filters.window}
          onChange={(event) => apply({ window: event.target.value as TimeWindow })}
          className="compact"
        >
          {Object.entries(TIME_WINDOWS).map(([value, { label }]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </SelectField>
        <div className="filter-actions">
          <button type="submit" className="btn btn-small">
            Apply
          </button>
          <button type="button" className="btn btn-small btn-ghost" onClick={clear}>
            Clear filters
          </button>
        </div>
      </div>
      <details className="more-filters" open={hasMoreFilters(filters) || undefined}>
        <summary>More filters</summary>
        <div className="filter-row">{TEXT_FILTERS.filter((f) => 'more' in f).map(field)}</div>
      </details>
    </form>
  );
}

'use client';

import { WORKFLOW_STATUSES, type WorkflowStatus } from '@podium/protocol';
import { useState, type FormEvent } from 'react';
import { SelectField } from '../../../components/ui/select-field';
import { TextField } from '../../../components/ui/text-field';
import { DEFAULT_FILTERS, TIME_WINDOWS, type TimeWindow, type WorkflowFilters } from '../filters';

interface WorkflowFilterBarProps {
  filters: WorkflowFilters;
  onChange: (filters: WorkflowFilters) => void;
}

/**
 * Status and time window apply as soon as they change; the text filters on Enter or
 * "Apply" (so typing does not fire a request per key).
 */
export function WorkflowFilterBar({ filters, onChange }: WorkflowFilterBarProps) {
  const [name, setName] = useState(filters.name);
  const [idPrefix, setIdPrefix] = useState(filters.idPrefix);
  const apply = (change: Partial<WorkflowFilters>) =>
    onChange({ ...filters, name: name.trim(), idPrefix: idPrefix.trim(), ...change, offset: 0 });

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
    setName('');
    setIdPrefix('');
    onChange({ ...DEFAULT_FILTERS, limit: filters.limit });
  };

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
          </label>
        ))}
      </fieldset>
      <div className="filter-row">
        <TextField
          label="Workflow name"
          value={name}
          onChange={(event) => setName(event.target.value)}
          placeholder="e.g. processOrder"
          className="compact"
        />
        <TextField
          label="Workflow ID prefix"
          value={idPrefix}
          onChange={(event) => setIdPrefix(event.target.value)}
          placeholder="e.g. 3f2a"
          className="compact"
        />
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
    </form>
  );
}

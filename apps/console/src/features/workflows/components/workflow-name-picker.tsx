'use client';

import { useId, useState, type KeyboardEvent } from 'react';
import styles from './workflow-name-picker.module.css';

export interface WorkflowName {
  name: string;
  /** Workflows of that name (the executor's aggregate). */
  count: number;
}

interface WorkflowNamePickerProps {
  value: string;
  /** Typing: the text changes, nothing is applied yet. */
  onChange: (value: string) => void;
  /** A name chosen from the list: applied at once. */
  onPick: (name: string) => void;
  /** The app's workflow names, most used first; undefined while unknown. */
  names: readonly WorkflowName[] | undefined;
}

/** Suggestions shown at most (the prefix narrows them). */
const MAX_SUGGESTIONS = 12;

/**
 * The workflow-name filter: a combobox whose list holds the names the app's workflows have,
 * narrowed to those starting with what is typed (case-insensitive). Arrow keys move through the
 * list, Enter picks the highlighted name (or, with none highlighted, applies the typed text as
 * the form does), Escape closes it.
 */
export function WorkflowNamePicker({ value, onChange, onPick, names }: WorkflowNamePickerProps) {
  const id = useId();
  const listId = `${id}-names`;
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const prefix = value.trim().toLowerCase();
  const matches = (names ?? [])
    .filter((n) => n.name.toLowerCase().startsWith(prefix) && n.name !== value)
    .slice(0, MAX_SUGGESTIONS);
  const showing = open && matches.length > 0;

  const pick = (name: string) => {
    setOpen(false);
    setActive(-1);
    onPick(name);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setOpen(true);
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => (matches.length === 0 ? -1 : (i + step + matches.length) % matches.length));
    } else if (event.key === 'Enter' && showing && matches[active]) {
      event.preventDefault();
      pick(matches[active].name);
    } else if (event.key === 'Escape' || event.key === 'Enter') {
      // Enter without a suggestion chosen sends the filter form: the list closes with it.
      setOpen(false);
      setActive(-1);
    }
  };

  return (
    <div className={`form-field compact ${styles.picker}`}>
      <label htmlFor={id}>Workflow name</label>
      <input
        id={id}
        role="combobox"
        aria-expanded={showing}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={showing && active >= 0 ? `${listId}-${active}` : undefined}
        autoComplete="off"
        placeholder="e.g. processOrder"
        value={value}
        onChange={(event) => {
          onChange(event.target.value);
          setOpen(true);
          setActive(-1);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
      />
      <ul
        id={listId}
        role="listbox"
        aria-label="Name suggestions"
        className={styles.listbox}
        hidden={!showing}
        data-testid="workflow-name-options"
      >
        {matches.map((n, i) => (
          <li
            key={n.name}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === active}
            className={i === active ? styles.active : undefined}
            // mousedown, not click: it comes before the input's blur closes the list.
            onMouseDown={(event) => {
              event.preventDefault();
              pick(n.name);
            }}
          >
            <span className="mono">{n.name}</span>
            <span className={styles.count}>{n.count.toLocaleString('en-US')}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

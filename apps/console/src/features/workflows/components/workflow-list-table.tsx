'use client';

import type { Workflow } from '@podium/protocol/rest';
import { useLayoutEffect, useRef, useState, type UIEvent } from 'react';
import { isServerSort, type SortColumn, type WorkflowSort } from '../filters';
import styles from './workflow-list-table.module.css';
import {
  WORKFLOW_COLUMNS,
  SelectAllCheckbox,
  WorkflowRow,
  type WorkflowColumn,
  type WorkflowColumnName,
  type WorkflowSelection,
} from './workflow-table';

/**
 * The workflows list: sortable headings, and for long pages (up to 1,000 rows) only the rows in
 * view are rendered. Rows are one line high (dense, no wrapping), so a row's height, measured
 * once, places every row: spacer rows stand in for those above and below the view, which keeps
 * the scroll bar true. Short pages render every row.
 */

/** Pages longer than this render only the rows in view. */
export const VIRTUALIZE_ABOVE = 100;
/** Rows rendered beyond each edge of the view, so fast scrolling shows no gap. */
const OVERSCAN = 15;
/** Until a row is measured: a dense row's height. */
const ROW_HEIGHT_GUESS = 31;

interface WorkflowListTableProps {
  org: string;
  app: string;
  /** In display order. */
  workflows: readonly Workflow[];
  columns: readonly (WorkflowColumnName & SortColumn)[];
  selection: WorkflowSelection;
  sort: WorkflowSort;
  onSort: (sort: WorkflowSort) => void;
}

export function WorkflowListTable(props: WorkflowListTableProps) {
  const { org, app, workflows, columns, selection } = props;
  const virtual = workflows.length > VIRTUALIZE_ABOVE;
  const scroller = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ top: 0, height: 800 });
  const [rowHeight, setRowHeight] = useState(ROW_HEIGHT_GUESS);

  // Measure a rendered row and the viewport once the table is on screen.
  useLayoutEffect(() => {
    const box = scroller.current;
    if (!virtual || !box) return;
    const row = box.querySelector<HTMLTableRowElement>('tr[data-testid="workflow-row"]');
    if (row && row.offsetHeight > 0) setRowHeight(row.offsetHeight);
    setView({ top: box.scrollTop, height: box.clientHeight });
  }, [virtual, workflows]);

  const onScroll = (event: UIEvent<HTMLDivElement>) => {
    const box = event.currentTarget;
    setView({ top: box.scrollTop, height: box.clientHeight });
  };

  const first = virtual ? Math.max(0, Math.floor(view.top / rowHeight) - OVERSCAN) : 0;
  const last = virtual
    ? Math.min(workflows.length, Math.ceil((view.top + view.height) / rowHeight) + OVERSCAN)
    : workflows.length;
  const span = columns.length + 1;

  return (
    <div
      ref={scroller}
      className={`table-scroll${virtual ? ` ${styles.scroller}` : ''}`}
      onScroll={virtual ? onScroll : undefined}
      data-testid="workflow-scroller"
    >
      <table
        className="table table-dense"
        data-testid="workflow-table"
        data-virtual={virtual || undefined}
        aria-rowcount={workflows.length + 1}
      >
        <thead className={virtual ? styles.stickyHead : undefined}>
          <tr aria-rowindex={1}>
            <th className="select-cell">
              <SelectAllCheckbox workflows={workflows} selection={selection} />
            </th>
            {columns.map((name) => (
              <SortableHeading key={name} column={name} sort={props.sort} onSort={props.onSort} />
            ))}
          </tr>
        </thead>
        <tbody>
          {first > 0 && <Spacer height={first * rowHeight} span={span} />}
          {workflows.slice(first, last).map((workflow, i) => (
            <WorkflowRow
              key={workflow.workflowId}
              org={org}
              app={app}
              workflow={workflow}
              columns={columns}
              selection={selection}
              rowIndex={first + i + 2}
            />
          ))}
          {last < workflows.length && (
            <Spacer height={(workflows.length - last) * rowHeight} span={span} />
          )}
        </tbody>
      </table>
    </div>
  );
}

function Spacer({ height, span }: { height: number; span: number }) {
  return (
    <tr aria-hidden="true" className={styles.spacer} style={{ height }}>
      <td colSpan={span} />
    </tr>
  );
}

function SortableHeading({
  column,
  sort,
  onSort,
}: {
  column: WorkflowColumnName & SortColumn;
  sort: WorkflowSort;
  onSort: (sort: WorkflowSort) => void;
}) {
  const active = sort.column === column;
  const { heading, className }: WorkflowColumn = WORKFLOW_COLUMNS[column];
  const where = isServerSort({ column, desc: true })
    ? 'sorted by the executor, across pages'
    : 'sorts the rows on this page';
  return (
    <th
      className={className}
      aria-sort={active ? (sort.desc ? 'descending' : 'ascending') : undefined}
    >
      <button
        type="button"
        className={styles.sortButton}
        title={`Sort by ${heading.toLowerCase()} (${where})`}
        data-testid={`sort-${column}`}
        // A new column starts newest or highest first for times, A→Z otherwise.
        onClick={() =>
          onSort({
            column,
            desc: active ? !sort.desc : column === 'created' || column === 'updated',
          })
        }
      >
        {heading}
        <span aria-hidden="true" className={styles.arrow}>
          {active ? (sort.desc ? '▼' : '▲') : '↕'}
        </span>
      </button>
    </th>
  );
}

'use client';

import type { Workflow } from '@podium/protocol/rest';
import { Link } from '../../../components/ui/link';
import type { ReactNode } from 'react';
import { DataTable, type ColumnHeading } from '../../../components/ui/data-table';
import { Timestamp } from '../../../components/ui/timestamp';
import { visibleQueueName } from '../queue-name';
import { workflowHref } from '../workflow-href';
import { ShortId } from './short-id';
import { WorkflowStatusBadge } from './workflow-status-badge';

export interface WorkflowColumn {
  heading: string;
  className?: string;
  /** The cell's content; `href` is the workflow's own page. */
  content: (workflow: Workflow, href: string) => ReactNode;
}

/** Every column a workflow table can show; each table picks its own, in its order. */
export const WORKFLOW_COLUMNS = {
  id: {
    heading: 'Workflow ID',
    className: 'id-cell',
    content: (workflow, href) => (
      <Link className="mono" href={href} title={workflow.workflowId}>
        {workflow.workflowId}
      </Link>
    ),
  },
  name: {
    heading: 'Name',
    className: 'strong',
    content: (workflow) => workflow.workflowName ?? '—',
  },
  status: {
    heading: 'Status',
    content: (workflow) => <WorkflowStatusBadge status={workflow.status} />,
  },
  created: { heading: 'Created', content: (workflow) => <Timestamp value={workflow.createdAt} /> },
  /** Created, as a queue sees it: a queued workflow is created when it is enqueued. */
  enqueued: {
    heading: 'Enqueued',
    content: (workflow) => <Timestamp value={workflow.createdAt} />,
  },
  started: { heading: 'Started', content: (workflow) => <Timestamp value={workflow.dequeuedAt} /> },
  updated: {
    heading: 'Updated',
    content: (workflow) => <Timestamp value={workflow.updatedAt} style="relative" />,
  },
  version: {
    heading: 'App version',
    content: (workflow) => <ShortId value={workflow.appVersion} />,
  },
  executor: { heading: 'Executor', content: (workflow) => <ShortId value={workflow.executorId} /> },
  queue: {
    heading: 'Queue',
    className: 'mono',
    content: (workflow) =>
      visibleQueueName(workflow.queueName) ?? <span className="muted-inline">—</span>,
  },
  priority: {
    heading: 'Priority',
    className: 'num',
    content: (workflow) => workflow.priority ?? '—',
  },
} satisfies Record<string, WorkflowColumn>;

export type WorkflowColumnName = keyof typeof WORKFLOW_COLUMNS;

export interface WorkflowSelection {
  selected: ReadonlySet<string>;
  onSelect: (ids: string[], selected: boolean) => void;
}

interface WorkflowTableProps {
  org: string;
  app: string;
  workflows: readonly Workflow[];
  columns: readonly WorkflowColumnName[];
  /** A checkbox a row (and one for the page), for bulk actions; none without it. */
  selection?: WorkflowSelection;
}

export function WorkflowTable({ org, app, workflows, columns, selection }: WorkflowTableProps) {
  const headings: ColumnHeading[] = columns.map((name) => WORKFLOW_COLUMNS[name].heading);
  if (selection) headings.unshift(selectAllHeading(workflows, selection));
  return (
    <DataTable columns={headings} dense scroll testId="workflow-table">
      {workflows.map((workflow) => (
        <WorkflowRow
          key={workflow.workflowId}
          org={org}
          app={app}
          workflow={workflow}
          columns={columns}
          selection={selection}
        />
      ))}
    </DataTable>
  );
}

interface WorkflowRowProps {
  org: string;
  app: string;
  workflow: Workflow;
  columns: readonly WorkflowColumnName[];
  selection?: WorkflowSelection;
  /** Its 1-based position among all rows, for a table that renders only some (ARIA). */
  rowIndex?: number;
}

/** One workflow's row: a checkbox with a selection, then the chosen columns. */
export function WorkflowRow({
  org,
  app,
  workflow,
  columns,
  selection,
  rowIndex,
}: WorkflowRowProps) {
  return (
    <tr
      data-testid="workflow-row"
      data-workflow-id={workflow.workflowId}
      data-status={workflow.status ?? ''}
      data-workflow-name={workflow.workflowName ?? ''}
      aria-rowindex={rowIndex}
      className={selection?.selected.has(workflow.workflowId) ? 'selected' : undefined}
    >
      {selection && (
        <td className="select-cell">
          <input
            type="checkbox"
            aria-label={`Select ${workflow.workflowId}`}
            checked={selection.selected.has(workflow.workflowId)}
            onChange={(event) => selection.onSelect([workflow.workflowId], event.target.checked)}
          />
        </td>
      )}
      {columns.map((name) => {
        const column: WorkflowColumn = WORKFLOW_COLUMNS[name];
        return (
          <td key={name} className={column.className}>
            {column.content(workflow, workflowHref(org, app, workflow.workflowId))}
          </td>
        );
      })}
    </tr>
  );
}

function selectAllHeading(
  workflows: readonly Workflow[],
  selection: WorkflowSelection,
): ColumnHeading {
  return {
    key: 'select',
    className: 'select-cell',
    content: <SelectAllCheckbox workflows={workflows} selection={selection} />,
  };
}

/** Selects (or clears) every workflow on the page. */
export function SelectAllCheckbox({
  workflows,
  selection: { selected, onSelect },
}: {
  workflows: readonly Workflow[];
  selection: WorkflowSelection;
}) {
  const ids = workflows.map((w) => w.workflowId);
  const allSelected = ids.length > 0 && ids.every((id) => selected.has(id));
  return (
    <input
      type="checkbox"
      aria-label="Select all workflows on this page"
      checked={allSelected}
      onChange={(event) => onSelect(ids, event.target.checked)}
    />
  );
}

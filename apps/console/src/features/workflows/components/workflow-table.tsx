'use client';

import type { Workflow } from '@podium/protocol/rest';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { DataTable, type ColumnHeading } from '../../../components/ui/data-table';
import { Timestamp } from '../../../components/ui/timestamp';
import { ShortId } from './short-id';
import { WorkflowStatusBadge } from './workflow-status-badge';

export function workflowHref(org: string, app: string, id: string): string {
  return `/orgs/${org}/apps/${app}/workflows/${encodeURIComponent(id)}`;
}

interface WorkflowColumn {
  heading: string;
  className?: string;
  /** The cell's content; `href` is the workflow's own page. */
  content: (workflow: Workflow, href: string) => ReactNode;
}

/** Every column a workflow table can show; each table picks its own, in its order. */
const COLUMNS = {
  id: {
    heading: 'Workflow ID',
    className: 'id-cell',
    content: (workflow, href) => (
      <Link className="mono" href={href} title={workflow.id}>
        {workflow.id}
      </Link>
    ),
  },
  name: { heading: 'Name', className: 'strong', content: (workflow) => workflow.name ?? '—' },
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
    content: (workflow) => <ShortId value={workflow.applicationVersion} />,
  },
  executor: { heading: 'Executor', content: (workflow) => <ShortId value={workflow.executorId} /> },
  queue: {
    heading: 'Queue',
    className: 'mono',
    content: (workflow) => workflow.queueName ?? <span className="muted-inline">—</span>,
  },
  priority: {
    heading: 'Priority',
    className: 'num',
    content: (workflow) => workflow.priority ?? '—',
  },
} satisfies Record<string, WorkflowColumn>;

export type WorkflowColumnName = keyof typeof COLUMNS;

interface WorkflowSelection {
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
  const headings: ColumnHeading[] = columns.map((name) => COLUMNS[name].heading);
  if (selection) headings.unshift(selectAllHeading(workflows, selection));
  return (
    <DataTable columns={headings} dense scroll testId="workflow-table">
      {workflows.map((workflow) => (
        <tr
          key={workflow.id}
          data-testid="workflow-row"
          data-workflow-id={workflow.id}
          data-status={workflow.status ?? ''}
          data-workflow-name={workflow.name ?? ''}
          className={selection?.selected.has(workflow.id) ? 'selected' : undefined}
        >
          {selection && (
            <td className="select-cell">
              <input
                type="checkbox"
                aria-label={`Select ${workflow.id}`}
                checked={selection.selected.has(workflow.id)}
                onChange={(event) => selection.onSelect([workflow.id], event.target.checked)}
              />
            </td>
          )}
          {columns.map((name) => {
            const column: WorkflowColumn = COLUMNS[name];
            return (
              <td key={name} className={column.className}>
                {column.content(workflow, workflowHref(org, app, workflow.id))}
              </td>
            );
          })}
        </tr>
      ))}
    </DataTable>
  );
}

function selectAllHeading(
  workflows: readonly Workflow[],
  { selected, onSelect }: WorkflowSelection,
): ColumnHeading {
  const ids = workflows.map((w) => w.id);
  const allSelected = ids.length > 0 && ids.every((id) => selected.has(id));
  return {
    key: 'select',
    className: 'select-cell',
    content: (
      <input
        type="checkbox"
        aria-label="Select all workflows on this page"
        checked={allSelected}
        onChange={(event) => onSelect(ids, event.target.checked)}
      />
    ),
  };
}

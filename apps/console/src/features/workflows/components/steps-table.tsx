import type { WorkflowStep } from '@podium/protocol/rest';
import Link from 'next/link';
import { DataTable, type ColumnHeading } from '../../../components/ui/data-table';
import { EmptyState } from '../../../components/ui/empty-state';
import { Timestamp } from '../../../components/ui/timestamp';
import { formatDuration } from '../../../lib/format';
import { ErrorValue } from './display-value';
import { workflowHref } from './workflow-table';

const COLUMNS: ColumnHeading[] = [
  { key: 'number', content: '#', className: 'num' },
  'Step',
  'Output or error',
  'Child workflow',
  'Started',
  'Duration',
];

interface StepsTableProps {
  org: string;
  app: string;
  steps: WorkflowStep[];
}

/** The workflow's checkpointed steps, in order: what each returned or threw. */
export function StepsTable({ org, app, steps }: StepsTableProps) {
  if (steps.length === 0) return <EmptyState title="No steps recorded yet" />;
  return (
    <DataTable columns={COLUMNS} dense scroll testId="steps-table">
      {steps.map((step) => (
        <tr key={step.functionId} data-testid="step-row" data-step-name={step.name}>
          <td className="num mono">{step.functionId}</td>
          <td className="mono strong">{step.name}</td>
          <td className="value-cell">
            {step.error ? (
              <ErrorValue value={step.error} />
            ) : step.output !== null ? (
              <code className="inline-value" title={step.output}>
                {step.output}
              </code>
            ) : (
              <span className="muted-inline">—</span>
            )}
          </td>
          <td>
            {step.childWorkflowId ? (
              <Link className="mono" href={workflowHref(org, app, step.childWorkflowId)}>
                {step.childWorkflowId}
              </Link>
            ) : (
              <span className="muted-inline">—</span>
            )}
          </td>
          <td>
            <Timestamp value={step.startedAt} />
          </td>
          <td className="num">{formatDuration(step.startedAt, step.completedAt) ?? '—'}</td>
        </tr>
      ))}
    </DataTable>
  );
}

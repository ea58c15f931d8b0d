import type { WorkflowStep } from '@podium/protocol/rest';
import { CopyableId } from '../../../components/ui/copyable-id';
import { DataTable, type ColumnHeading } from '../../../components/ui/data-table';
import { EmptyState } from '../../../components/ui/empty-state';
import { Timestamp } from '../../../components/ui/timestamp';
import { formatDuration } from '../../../lib/format';
import { sleepWakeUpAt } from '../sleep-steps';
import { ErrorValue } from './display-value';
import { workflowHref } from '../workflow-href';

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
        <tr key={step.stepId} data-testid="step-row" data-step-name={step.stepName}>
          <td className="num mono">{step.stepId}</td>
          <td className="mono strong">{step.stepName}</td>
          <td className="value-cell">
            <StepResult step={step} />
          </td>
          <td>
            {step.childWorkflowId ? (
              <CopyableId
                value={step.childWorkflowId}
                kind="child workflow ID"
                href={workflowHref(org, app, step.childWorkflowId)}
              />
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

/** What the step returned or threw; a sleep's wake-up time as a date, not an epoch number. */
function StepResult({ step }: { step: WorkflowStep }) {
  if (step.error) return <ErrorValue value={step.error} />;
  const wakeUpAt = sleepWakeUpAt(step);
  if (wakeUpAt) {
    return (
      <span data-testid="sleep-wake-up" title={`As sent: ${step.output}`}>
        {Date.parse(wakeUpAt) > Date.now() ? 'wakes up ' : 'woke up '}
        <Timestamp value={wakeUpAt} />
      </span>
    );
  }
  if (step.output === null) return <span className="muted-inline">—</span>;
  return (
    <code className="inline-value" title={step.output}>
      {step.output}
    </code>
  );
}

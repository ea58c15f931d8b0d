'use client';

import { AppError, type Workflow } from '@podium/protocol/rest';
import { useQuery } from '../../../lib/query';
import { Link } from '../../../components/ui/link';
import { Suspense, type ReactNode } from 'react';
import { CopyButton } from '../../../components/ui/copy-button';
import { CopyableId } from '../../../components/ui/copyable-id';
import { EmptyState } from '../../../components/ui/empty-state';
import { Panel } from '../../../components/ui/panel';
import { PayloadViewer } from '../../../components/ui/payload-viewer';
import { ProblemAlert } from '../../../components/ui/problem-alert';
import { RefreshFailed } from '../../../components/ui/refresh-failed';
import { Timestamp } from '../../../components/ui/timestamp';
import { can } from '../../../lib/roles';
import { useOrgRole } from '../../organizations/queries';
import { workflowQueries } from '../queries';
import { WORKFLOWS_REFRESH_MS } from '../refresh';
import { describeError } from '../display';
import { LastKnownBanner, NeedsLiveExecutor } from './last-known-banner';
import { NoExecutor } from './no-executor';
import { StepsTable } from './steps-table';
import { WorkflowActions } from './workflow-actions';
import { workflowHref } from '../workflow-href';
import { WorkflowStatusBadge } from './workflow-status-badge';
import { visibleQueueName } from '../queue-name';
import { lazyComponent } from '../../../lib/lazy-component';

// Loaded once the workflow is shown: each waits for answers of its own anyway.
const ExecutionNote = lazyComponent(() => import('./execution-note'), 'ExecutionNote');
const StepTimeline = lazyComponent(() => import('./step-timeline'), 'StepTimeline');
const WorkflowHistory = lazyComponent(
  () => import('../../workflow-history/components/workflow-history'),
  'WorkflowHistory',
);

interface WorkflowDetailProps {
  org: string;
  app: string;
  workflowId: string;
}

export function WorkflowDetail({ org, app, workflowId }: WorkflowDetailProps) {
  const polling = { refetchInterval: WORKFLOWS_REFRESH_MS };
  const detail = useQuery({ ...workflowQueries.detail(org, app, workflowId), ...polling });
  const steps = useQuery({ ...workflowQueries.steps(org, app, workflowId), ...polling });
  const mayOperate = can(useOrgRole(org), 'application.write');

  if (AppError.is(detail.error) && detail.error.code === 'NOT_FOUND') {
    return (
      <EmptyState title="No such workflow" testId="workflow-not-found">
        <p>
          No executor of {app} knows a workflow <span className="mono">{workflowId}</span>.{' '}
          <Link href={`/orgs/${org}/apps/${app}/workflows`}>Back to workflows</Link>
        </p>
      </EmptyState>
    );
  }
  if (!detail.data) {
    if (AppError.is(detail.error) && detail.error.code === 'EXECUTOR_UNAVAILABLE') {
      return <NoExecutor />;
    }
    if (detail.isError) return <ProblemAlert error={detail.error} />;
    return <p className="muted">Asking the app’s executors…</p>;
  }
  // A failed refresh leaves the workflow (and an open dialog) on screen, under its problem.
  const workflow = detail.data;
  // No executor connected: the control plane answered from its last-known index.
  const { lastKnown } = workflow;

  return (
    <article aria-label={`Workflow ${workflow.workflowId}`}>
      <RefreshFailed error={detail.error} readAt={detail.dataUpdatedAt} />
      <div className="detail-heading">
        <p className="eyebrow">
          <Link href={`/orgs/${org}/apps/${app}/workflows`}>Workflows</Link> /{' '}
          {workflow.workflowName ?? 'workflow'}
        </p>
        <div className="detail-title">
          <h2 className="mono" data-testid="workflow-id">
            {workflow.workflowId}
          </h2>
          <CopyButton
            text={workflow.workflowId}
            label={`Copy workflow ID ${workflow.workflowId}`}
            compact
          />
          <WorkflowStatusBadge status={workflow.status} testId="workflow-status" />
        </div>
      </div>
      {lastKnown && <LastKnownBanner lastKnown={lastKnown} />}
      <WorkflowActions
        org={org}
        app={app}
        workflow={workflow}
        steps={steps.data?.items ?? []}
        mayOperate={mayOperate}
        offline={lastKnown !== undefined}
      />
      {!lastKnown && (
        <Suspense>
          <ExecutionNote org={org} app={app} workflow={workflow} steps={steps.data} />
        </Suspense>
      )}
      <div className="detail-grid">
        <Panel title="Overview">
          <Overview org={org} app={app} workflow={workflow} />
        </Panel>
        <Panel title="Input and result">
          {lastKnown ? (
            <>
              {workflow.error && (
                <p className="error-summary" data-testid="workflow-error-summary">
                  {describeError(workflow.error).summary}
                </p>
              )}
              <NeedsLiveExecutor what="Input and output" testId="payloads-need-executor" />
            </>
          ) : (
            <LivePayloads workflow={workflow} />
          )}
        </Panel>
      </div>
      <Panel title={`Steps${steps.data ? ` (${steps.data.items.length})` : ''}`}>
        {lastKnown ? (
          <NeedsLiveExecutor what="Steps" testId="steps-need-executor" />
        ) : (
          <ProblemAlert error={steps.error} />
        )}
        {steps.data && (
          <div className="steps-layout">
            <Suspense>
              <StepTimeline org={org} app={app} steps={steps.data.items} />
            </Suspense>
            <StepsTable org={org} app={app} steps={steps.data.items} />
          </div>
        )}
      </Panel>
      {!lastKnown && (
        <Suspense>
          <WorkflowHistory org={org} app={app} workflowId={workflowId} />
        </Suspense>
      )}
    </article>
  );
}

/** Input, and the output or the error, as a live executor reported them. */
function LivePayloads({ workflow }: { workflow: Workflow }) {
  return (
    <>
      <PayloadViewer
        label="Input"
        value={workflow.input}
        fileBase={`${workflow.workflowId}-input`}
        testId="workflow-input"
      />
      {workflow.error ? (
        <>
          <p className="error-summary" data-testid="workflow-error-summary">
            {describeError(workflow.error).summary}
          </p>
          <PayloadViewer
            label="Error"
            value={workflow.error}
            fileBase={`${workflow.workflowId}-error`}
            testId="workflow-error"
          />
        </>
      ) : (
        <PayloadViewer
          label="Output"
          value={workflow.output}
          fileBase={`${workflow.workflowId}-output`}
          testId="workflow-output"
        />
      )}
    </>
  );
}

function Overview({ org, app, workflow }: { org: string; app: string; workflow: Workflow }) {
  const link = (id: string | null) =>
    id ? <CopyableId value={id} kind="workflow ID" href={workflowHref(org, app, id)} /> : null;
  const rows: [string, ReactNode][] = [
    ['Name', workflow.workflowName],
    ['Class', workflow.workflowClass],
    ['Created', <Timestamp key="c" value={workflow.createdAt} />],
    ['Updated', <Timestamp key="u" value={workflow.updatedAt} />],
    ['Dequeued', workflow.dequeuedAt && <Timestamp key="d" value={workflow.dequeuedAt} />],
    ['Completed', workflow.completedAt && <Timestamp key="f" value={workflow.completedAt} />],
    ['App version', workflow.appVersion && <span className="mono">{workflow.appVersion}</span>],
    [
      'Executor',
      workflow.executorId && <CopyableId value={workflow.executorId} kind="executor ID" />,
    ],
    [
      'Queue',
      visibleQueueName(workflow.queueName) && (
        <span className="mono">{visibleQueueName(workflow.queueName)}</span>
      ),
    ],
    ['Parent', link(workflow.parentWorkflowId)],
    ['Forked from', link(workflow.forkedFrom)],
    ['Deadline', workflow.deadline && <Timestamp key="dl" value={workflow.deadline} />],
    ['User', workflow.user],
  ];
  return (
    <dl className="fields fields-grid">
      {rows
        .filter(([, value]) => value !== null && value !== undefined && value !== '')
        .map(([label, value]) => (
          <div className="field" key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
    </dl>
  );
}

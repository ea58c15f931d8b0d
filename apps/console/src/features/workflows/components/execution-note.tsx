'use client';

import type { Workflow, ListPage, WorkflowStep } from '@podium/protocol/rest';
import { useQuery } from '../../../lib/query';
import { useNow } from '../../../lib/use-now';
import { appQueries } from '../../applications/queries';
import { fleetQueries } from '../../fleet/queries';
import { queueQueries } from '../../queues/queries';
import { explainExecution } from '../execution-explainer';
import { WORKFLOWS_REFRESH_MS } from '../refresh';
import { visibleQueueName } from '../queue-name';
import { waitingOn } from '../waiting-on';
import { WaitNote } from './wait-note';

/**
 * For an active workflow: whether its executor is alive and what recovers it if not, and what
 * its steps say it waits on (PENDING); its place on its queue and whether anything connected
 * can dequeue it (ENQUEUED). Re-rendered every second so countdowns tick between refetches.
 */
export function ExecutionNote({
  org,
  app,
  workflow,
  steps,
}: {
  org: string;
  app: string;
  workflow: Workflow;
  /** The page the detail page fetched; it tells nothing when more pages follow (no last step). */
  steps: ListPage<WorkflowStep> | undefined;
}) {
  const isActive = workflow.status === 'PENDING' || workflow.status === 'ENQUEUED';
  const queueName = workflow.status === 'ENQUEUED' ? visibleQueueName(workflow.queueName) : null;
  const now = useNow(isActive);
  const executors = useQuery({
    ...fleetQueries.executors(org, app),
    enabled: isActive,
    refetchInterval: WORKFLOWS_REFRESH_MS,
  });
  const application = useQuery({ ...appQueries.detail(org, app), enabled: isActive });
  const queues = useQuery({ ...queueQueries.list(org, app), enabled: queueName !== null });
  const members = useQuery({
    ...queueQueries.workflows(org, app, queueName ?? ''),
    enabled: queueName !== null,
    refetchInterval: WORKFLOWS_REFRESH_MS,
  });
  if (!executors.data || !application.data) return null;
  const explained = explainExecution(workflow, {
    executors: executors.data.items,
    gracePeriodSeconds: application.data.executorTimeoutSecs,
    now,
    queue: {
      config: queues.data?.find((q) => q.name === queueName),
      members: members.data?.items,
    },
  });
  if (!explained) return null;
  const owner = executors.data.items.find((e) => e.executorId === workflow.executorId);
  const wait =
    workflow.status === 'PENDING' && steps && steps.nextOffset == null
      ? waitingOn(steps.items, now, owner?.language === 'python' ? 1 : 0)
      : null;
  return (
    <>
      <p
        className={`reason reason-${explained.tone}`}
        role="status"
        data-testid="execution-note"
        data-state={explained.state}
      >
        {explained.text}
      </p>
      {wait && <WaitNote org={org} app={app} wait={wait} now={now} />}
    </>
  );
}

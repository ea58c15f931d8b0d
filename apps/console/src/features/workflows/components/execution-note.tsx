'use client';

import type { Workflow } from '@podium/protocol/rest';
import { useQuery } from '@tanstack/react-query';
import { appQueries } from '../../applications/queries';
import { fleetQueries } from '../../fleet/queries';
import { explainExecution } from '../execution-explainer';
import { WORKFLOWS_REFRESH_MS } from '../queries';

/**
 * For an active workflow: whether its executor is alive and what recovers it if not (PENDING),
 * or whether anything connected can dequeue it (ENQUEUED).
 */
export function ExecutionNote({
  org,
  app,
  workflow,
}: {
  org: string;
  app: string;
  workflow: Workflow;
}) {
  const isActive = workflow.status === 'PENDING' || workflow.status === 'ENQUEUED';
  const executors = useQuery({
    ...fleetQueries.executors(org, app),
    enabled: isActive,
    refetchInterval: WORKFLOWS_REFRESH_MS,
  });
  const application = useQuery({ ...appQueries.detail(org, app), enabled: isActive });
  if (!executors.data || !application.data) return null;
  const explained = explainExecution(workflow, {
    executors: executors.data.items,
    gracePeriodSeconds: application.data.executorGracePeriodSeconds,
  });
  if (!explained) return null;
  return (
    <p
      className={`reason reason-${explained.tone}`}
      role="status"
      data-testid="execution-note"
      data-state={explained.state}
    >
      {explained.text}
    </p>
  );
}

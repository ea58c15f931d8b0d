'use client';

import { useQuery } from '../../../lib/query';
import { EmptyState } from '../../../components/ui/empty-state';
import { Panel } from '../../../components/ui/panel';
import { QueryList } from '../../../components/ui/query-list';
import { WorkflowTable, type WorkflowColumnName } from '../../workflows/components/workflow-table';
import { queueQueries } from '../queries';

const COLUMNS: WorkflowColumnName[] = ['id', 'name', 'status', 'enqueued', 'started', 'priority'];

export function QueuedWorkflows({ org, app, queue }: { org: string; app: string; queue: string }) {
  const list = useQuery({ ...queueQueries.workflows(org, app, queue), refetchInterval: 3_000 });
  return (
    <Panel title={`Queued and running on ${queue}`} testId="queued-workflows">
      <QueryList
        items={list.data?.items}
        error={list.error}
        empty={<EmptyState title="Nothing is waiting on this queue" />}
      >
        {(items) => <WorkflowTable org={org} app={app} workflows={items} columns={COLUMNS} />}
      </QueryList>
    </Panel>
  );
}

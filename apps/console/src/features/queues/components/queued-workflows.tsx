'use client';

import { useQuery } from '../../../lib/query';
import { EmptyState } from '../../../components/ui/empty-state';
import { Link } from '../../../components/ui/link';
import { Panel } from '../../../components/ui/panel';
import { QueryList } from '../../../components/ui/query-list';
import { WorkflowTable, type WorkflowColumnName } from '../../workflows/components/workflow-table';
import { workflowListHref } from '../../workflows/workflow-list-href';
import { QUEUED_SHOWN } from '../api';
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
      {list.data?.nextOffset !== undefined && (
        <p className="muted" data-testid="queued-workflows-more">
          The {QUEUED_SHOWN} oldest are shown; more may be waiting.{' '}
          <Link
            href={workflowListHref(org, app, {
              status: ['PENDING', 'ENQUEUED', 'DELAYED'],
              text: { queue },
            })}
          >
            See them all in the workflow list
          </Link>
        </p>
      )}
    </Panel>
  );
}

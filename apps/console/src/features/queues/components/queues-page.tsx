'use client';

import { AppError, isInternalQueueName } from '@podium/protocol/rest';
import { useQuery } from '../../../lib/query';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { DataTable } from '../../../components/ui/data-table';
import { EmptyState } from '../../../components/ui/empty-state';
import { Panel } from '../../../components/ui/panel';
import { QueryList } from '../../../components/ui/query-list';
import { NoExecutor } from '../../workflows/components/no-executor';
import { describeLimits } from '../limits';
import { queueQueries } from '../queries';
import { QueuedWorkflows } from './queued-workflows';

const REFRESH_MS = 5_000;
const COLUMNS = ['Queue', 'Concurrency', 'Rate limit', 'Priority', 'Partitioned'];

/** The app's queues with their limits; choosing one lists what waits and runs on it. */
export function QueuesPage({ org, app }: { org: string; app: string }) {
  const queues = useQuery({ ...queueQueries.list(org, app), refetchInterval: REFRESH_MS });
  const router = useRouter();
  const pathname = usePathname();
  const chosen = useSearchParams().get('queue');

  if (AppError.is(queues.error) && queues.error.code === 'EXECUTOR_UNAVAILABLE') {
    return <NoExecutor />;
  }
  return (
    <>
      <Panel title="Queues">
        <QueryList
          // Executors' internal queues are their bookkeeping, not the operator's.
          items={queues.data?.filter((queue) => !isInternalQueueName(queue.name))}
          error={queues.error}
          loading="Asking the app’s executors…"
          empty={<EmptyState title="This app declares no queues" />}
        >
          {(items) => (
            <DataTable columns={COLUMNS} actionsColumn="Workflows" dense testId="queue-table">
              {items.map((queue) => {
                const limits = describeLimits(queue);
                return (
                  <tr key={queue.name} className={queue.name === chosen ? 'selected' : undefined}>
                    <td className="mono strong">{queue.name}</td>
                    <td>{limits.concurrency}</td>
                    <td>{limits.rateLimit}</td>
                    <td>{queue.priorityEnabled ? 'yes' : 'no'}</td>
                    <td>{queue.partitionQueue ? 'yes' : 'no'}</td>
                    <td>
                      <button
                        type="button"
                        className="btn btn-small"
                        aria-pressed={queue.name === chosen}
                        onClick={() =>
                          router.replace(`${pathname}?queue=${encodeURIComponent(queue.name)}`, {
                            scroll: false,
                          })
                        }
                      >
                        Show workflows of {queue.name}
                      </button>
                    </td>
                  </tr>
                );
              })}
            </DataTable>
          )}
        </QueryList>
      </Panel>
      {chosen && <QueuedWorkflows org={org} app={app} queue={chosen} />}
    </>
  );
}

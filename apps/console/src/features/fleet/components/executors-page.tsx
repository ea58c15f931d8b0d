'use client';

import type { Executor, ExecutorStatus } from '@podium/protocol/rest';
import { useQuery } from '@tanstack/react-query';
import { DataTable } from '../../../components/ui/data-table';
import { EmptyState } from '../../../components/ui/empty-state';
import { Panel } from '../../../components/ui/panel';
import { QueryList } from '../../../components/ui/query-list';
import { StatusBadge, type StatusTone } from '../../../components/ui/status-badge';
import { Timestamp } from '../../../components/ui/timestamp';
import { fleetQueries } from '../queries';

const TONES: Record<ExecutorStatus, StatusTone> = {
  CONNECTED: 'ok',
  DISCONNECTED: 'warn',
  DEAD: 'bad',
};
const REFRESH_MS = 5_000;
const EXECUTOR_COLUMNS = [
  'Executor ID',
  'Status',
  'Hostname',
  'Language',
  'SDK version',
  'App version',
  'Connected',
  'Disconnected',
  'Recovery',
  'Metadata',
];
const VERSION_COLUMNS = ['Version', 'Latest', 'Connected executors', 'Became latest'];

/** A dead executor's pending workflows: handed to a live executor of its version, or waiting. */
function RecoveryCell({ executor }: { executor: Executor }) {
  if (executor.status !== 'DEAD') return <>—</>;
  if (executor.recoveredAt) {
    return (
      <>
        recovered <Timestamp value={executor.recoveredAt} />
      </>
    );
  }
  return (
    <span title={`Waiting for a connected executor of version ${executor.applicationVersion}`}>
      pending
    </span>
  );
}

/** The app's executors (from the control plane's records) and its versions. */
export function ExecutorsPage({ org, app }: { org: string; app: string }) {
  const executors = useQuery({ ...fleetQueries.executors(org, app), refetchInterval: REFRESH_MS });
  const versions = useQuery({ ...fleetQueries.versions(org, app), refetchInterval: REFRESH_MS });

  return (
    <>
      <Panel title="Executors">
        <QueryList
          items={executors.data?.items}
          error={executors.error}
          empty={<EmptyState title={`No executor of ${app} has connected yet`} />}
        >
          {(items) => (
            <DataTable columns={EXECUTOR_COLUMNS} dense scroll testId="executor-table">
              {items.map((executor) => (
                <tr key={executor.id} data-testid="executor-row" data-status={executor.status}>
                  <td className="mono">{executor.id}</td>
                  <td>
                    <StatusBadge tone={TONES[executor.status]} status={executor.status} />
                  </td>
                  <td>{executor.hostname ?? '—'}</td>
                  <td>{executor.language}</td>
                  <td className="mono">{executor.sdkVersion}</td>
                  <td className="mono" title={executor.applicationVersion}>
                    {executor.applicationVersion.slice(0, 12)}
                  </td>
                  <td>
                    <Timestamp value={executor.connectedAt} />
                  </td>
                  <td>
                    <Timestamp value={executor.disconnectedAt} />
                  </td>
                  <td data-testid="executor-recovery">
                    <RecoveryCell executor={executor} />
                  </td>
                  <td className="mono small">
                    {executor.metadata ? JSON.stringify(executor.metadata) : '—'}
                  </td>
                </tr>
              ))}
            </DataTable>
          )}
        </QueryList>
      </Panel>
      <Panel
        title="Application versions"
        aside={
          versions.data && (
            <span className="muted">
              {versions.data.source === 'executors'
                ? 'as registered in the app’s database'
                : 'as seen in executor records'}
            </span>
          )
        }
      >
        <QueryList
          items={versions.data?.items}
          error={versions.error}
          empty={<EmptyState title="No versions known yet" />}
        >
          {(items) => (
            <DataTable columns={VERSION_COLUMNS} dense>
              {items.map((version) => (
                <tr key={version.name}>
                  <td className="mono">{version.name}</td>
                  <td>{version.latest ? <StatusBadge tone="ok" status="latest" /> : ''}</td>
                  <td className="num">{version.connectedExecutors}</td>
                  <td>
                    <Timestamp value={version.timestamp} />
                  </td>
                </tr>
              ))}
            </DataTable>
          )}
        </QueryList>
      </Panel>
    </>
  );
}

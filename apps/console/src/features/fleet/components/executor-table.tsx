import type { Executor, ExecutorStatusFilter } from '@podium/protocol/rest';
import { CopyableId } from '../../../components/ui/copyable-id';
import { DataTable } from '../../../components/ui/data-table';
import { StatusBadge, type StatusTone } from '../../../components/ui/status-badge';
import { Timestamp } from '../../../components/ui/timestamp';

export const EXECUTOR_TONES: Record<ExecutorStatusFilter, StatusTone> = {
  HEALTHY: 'ok',
  DISCONNECTED: 'warn',
  DEAD: 'bad',
  STOPPED: 'neutral',
};
/** What an operator reads: STOPPED for one that shut down on purpose, else its status. */
export function shownExecutorStatus(executor: Executor): ExecutorStatusFilter {
  return executor.stopped ? 'STOPPED' : executor.status;
}

const COLUMNS = [
  'Executor ID',
  'Status',
  'Host',
  'SDK',
  'App version',
  'Connected',
  'Disconnected',
  'Recovery',
  'Metadata',
];

/**
 * A lost or stopped executor's pending workflows, once its grace period passed: handed to a live
 * executor of its version, or waiting for one.
 */
function RecoveryCell({ executor }: { executor: Executor }) {
  if (!executor.deadAt) return <>—</>;
  if (executor.recoveredAt) {
    return (
      <>
        recovered <Timestamp value={executor.recoveredAt} />
      </>
    );
  }
  return (
    <span title={`Waiting for a connected executor of version ${executor.appVersion}`}>
      pending
    </span>
  );
}

/** Executor records, one row each, sized to read without sideways scrolling at 1280 px. */
export function ExecutorTable({ executors }: { executors: readonly Executor[] }) {
  return (
    <DataTable columns={COLUMNS} dense testId="executor-table">
      {executors.map((executor) => (
        <tr
          key={executor.executorId}
          data-testid="executor-row"
          data-status={shownExecutorStatus(executor)}
        >
          <td>
            <CopyableId value={executor.executorId} kind="executor ID" shortTo={13} />
          </td>
          <td>
            <StatusBadge
              tone={EXECUTOR_TONES[shownExecutorStatus(executor)]}
              status={shownExecutorStatus(executor)}
            />
          </td>
          <td className="clip-cell" title={executor.hostname ?? undefined}>
            {executor.hostname ?? '—'}
          </td>
          <td>
            {executor.language} <span className="mono small">{executor.dbosVersion}</span>
          </td>
          <td className="mono" title={executor.appVersion}>
            {executor.appVersion.slice(0, 12)}
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
          <td className="mono small clip-cell">
            {executor.executorMetadata ? (
              <span title={JSON.stringify(executor.executorMetadata, null, 2)}>
                {JSON.stringify(executor.executorMetadata)}
              </span>
            ) : (
              '—'
            )}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}

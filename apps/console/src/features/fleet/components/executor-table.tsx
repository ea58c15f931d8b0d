import type { Executor, ExecutorStatus } from '@podium/protocol/rest';
import { CopyableId } from '../../../components/ui/copyable-id';
import { DataTable } from '../../../components/ui/data-table';
import { StatusBadge, type StatusTone } from '../../../components/ui/status-badge';
import { Timestamp } from '../../../components/ui/timestamp';

const EXECUTOR_TONES: Record<ExecutorStatus, StatusTone> = {
  HEALTHY: 'ok',
  DISCONNECTED: 'warn',
  DEAD: 'bad',
};

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

/**
 * Its status as the API says it (so the status filter finds what the badge reads), marked and
 * not alarming when it shut down on purpose.
 */
function ExecutorStatusBadge({ executor }: { executor: Executor }) {
  return executor.stopped ? (
    <StatusBadge tone="neutral" status={`${executor.status} · stopped`} testId="executor-status" />
  ) : (
    <StatusBadge
      tone={EXECUTOR_TONES[executor.status]}
      status={executor.status}
      testId="executor-status"
    />
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
          data-status={executor.status}
          data-stopped={executor.stopped}
        >
          <td>
            <CopyableId value={executor.executorId} kind="executor ID" shortTo={13} />
          </td>
          <td>
            <ExecutorStatusBadge executor={executor} />
          </td>
          <td className="clip-cell" title={executor.hostname ?? undefined}>
            {executor.hostname ?? '—'}
          </td>
          <td>
            {/* An executor from before late 2025 says neither. */}
            {executor.language ?? '—'}{' '}
            <span className="mono small">{executor.dbosVersion ?? ''}</span>
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

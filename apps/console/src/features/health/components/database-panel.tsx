'use client';

import { AppError } from '@podium/protocol/rest';
import { useQuery } from '../../../lib/query';
import { Field, Fields } from '../../../components/ui/fields';
import { Panel } from '../../../components/ui/panel';
import { StatusBadge } from '../../../components/ui/status-badge';
import { formatLatency } from '../../../lib/format';
import { healthQueries } from '../queries';

const KIND_LABELS = { postgres: 'PostgreSQL', pglite: 'PGlite (embedded)' } as const;

/** The control plane's database check from `/readyz`. */
export function DatabasePanel() {
  const { data, error, isPending, isError } = useQuery(healthQueries.readiness());
  const database = isPending || isError ? undefined : data.checks.database;

  const reason = isError
    ? AppError.is(error) && error.code === 'CONTROL_PLANE_UNREACHABLE'
      ? 'Unknown while the control plane is unreachable.'
      : error.message
    : database?.error;

  return (
    <Panel
      title="Database"
      testId="database-panel"
      aside={
        <StatusBadge
          testId="database-status"
          tone={!database ? 'neutral' : database.status === 'up' ? 'ok' : 'bad'}
          status={isPending ? 'checking' : (database?.status ?? 'unknown')}
        />
      }
    >
      {reason && (
        <p className={isError ? 'reason reason-neutral' : 'reason'} data-testid="database-reason">
          {reason}
        </p>
      )}
      <Fields>
        <Field label="Kind" testId="database-kind">
          {database ? <span data-kind={database.kind}>{KIND_LABELS[database.kind]}</span> : '—'}
        </Field>
        <Field label="Latency" testId="database-latency">
          {database ? formatLatency(database.latencyMs) : '—'}
        </Field>
      </Fields>
    </Panel>
  );
}

'use client';

import { useQuery } from '../../../lib/query';
import { Field, Fields } from '../../../components/ui/fields';
import { Panel } from '../../../components/ui/panel';
import { StatusBadge } from '../../../components/ui/status-badge';
import { formatUptime } from '../../../lib/format';
import { healthQueries } from '../queries';

/** Liveness of the control plane process, as seen through the console's /api proxy. */
export function ControlPlanePanel() {
  const { data, error, isPending, isError } = useQuery(healthQueries.liveness());
  const live = isPending || isError ? undefined : data;

  return (
    <Panel
      title="Control plane"
      testId="control-plane-panel"
      aside={
        <StatusBadge
          testId="control-plane-status"
          tone={isPending ? 'neutral' : isError ? 'bad' : 'ok'}
          status={isPending ? 'checking' : isError ? 'unreachable' : 'ok'}
        />
      }
    >
      {isError && (
        <p className="reason" data-testid="control-plane-reason">
          {error.message}
        </p>
      )}
      <Fields>
        <Field label="Version" testId="control-plane-version">
          {live?.version ?? '—'}
        </Field>
        <Field label="Uptime" testId="control-plane-uptime">
          {live ? formatUptime(live.uptimeSeconds) : '—'}
        </Field>
      </Fields>
    </Panel>
  );
}

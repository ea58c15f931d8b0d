'use client';

import { useQuery } from '../../../lib/query';
import { Link } from '../../../components/ui/link';
import { useState } from 'react';
import { EmptyState } from '../../../components/ui/empty-state';
import { Panel } from '../../../components/ui/panel';
import { StatusBadge, type StatusTone } from '../../../components/ui/status-badge';
import { ProblemAlert } from '../../../components/ui/problem-alert';
import { FLEET_RECENT_MS } from '../fleet-api';
import {
  nextFleetSort,
  sortFleet,
  type FleetRow,
  type FleetSort,
  type FleetSortColumn,
} from '../fleet-rows';
import { formatMs, formatRate } from '../format';
import { DASHBOARD_REFRESH_MS, dashboardQueries } from '../queries';
import styles from './dashboards.module.css';

const recent = `${FLEET_RECENT_MS / 60_000} min`;
const COLUMNS: Array<{ column: FleetSortColumn; label: string }> = [
  { column: 'app', label: 'Application' },
  { column: 'connected', label: 'Executors connected' },
  { column: 'dead', label: 'Dead' },
  // Executors count by creation time: a workflow started earlier that failed since is not here.
  { column: 'failed', label: `Failed (started in the last ${recent})` },
  { column: 'failureRate', label: 'Failure rate' },
  { column: 'oldestEnqueuedMs', label: 'Oldest enqueued' },
];

const STATE_TONE: Record<FleetRow['state'], StatusTone> = {
  online: 'ok',
  offline: 'neutral',
  unavailable: 'warn',
};

/** Every application of the organization at once: health, failures and queue age. */
export function FleetPage({ org }: { org: string }) {
  const fleet = useQuery({
    ...dashboardQueries.fleet(org),
    refetchInterval: DASHBOARD_REFRESH_MS,
  });
  const [sort, setSort] = useState<FleetSort>({ column: 'app', desc: false });

  return (
    <Panel title="Fleet">
      <p className="muted">
        Each application’s executors (from the control plane’s records) and, for those with an
        executor connected, the failures among its workflows started in the last {recent} and its
        oldest enqueued workflow. Refreshes every {DASHBOARD_REFRESH_MS / 1000} s.
      </p>
      <ProblemAlert error={fleet.error} />
      {!fleet.data && !fleet.error && <p className="muted">Asking every application…</p>}
      {fleet.data?.length === 0 && <EmptyState title="This organization has no applications" />}
      {fleet.data && fleet.data.length > 0 && (
        <div className="table-scroll" tabIndex={0}>
          <table className="table table-dense" data-testid="fleet-table">
            <thead>
              <tr>
                {COLUMNS.map(({ column, label }) => (
                  <th
                    key={column}
                    scope="col"
                    aria-sort={
                      sort.column === column ? (sort.desc ? 'descending' : 'ascending') : undefined
                    }
                  >
                    <button
                      type="button"
                      className={styles.sortButton}
                      onClick={() => setSort(nextFleetSort(sort, column))}
                    >
                      {label}
                      <span aria-hidden="true">
                        {sort.column === column ? (sort.desc ? ' ▼' : ' ▲') : ''}
                      </span>
                    </button>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {sortFleet(fleet.data, sort).map((row) => (
                <tr key={row.app} data-testid="fleet-row" data-app={row.app} data-state={row.state}>
                  <td>
                    <Link className="mono strong" href={`/orgs/${org}/apps/${row.app}/overview`}>
                      {row.app}
                    </Link>{' '}
                    <StatusBadge
                      tone={STATE_TONE[row.state]}
                      status={row.state}
                      testId="fleet-state"
                    />
                  </td>
                  <td data-column="connected">{row.connected}</td>
                  <td data-column="dead">{row.dead}</td>
                  <td data-column="failed">{row.failed ?? '—'}</td>
                  <td data-column="failureRate">{formatRate(row.failureRate)}</td>
                  <td data-column="oldestEnqueuedMs">{formatMs(row.oldestEnqueuedMs)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  );
}

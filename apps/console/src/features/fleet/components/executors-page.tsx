'use client';

import { ExecutorStatusSchema, type ExecutorStatus } from '@podium/protocol/rest';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { DataTable } from '../../../components/ui/data-table';
import { EmptyState } from '../../../components/ui/empty-state';
import { Panel } from '../../../components/ui/panel';
import { QueryList } from '../../../components/ui/query-list';
import { SelectField } from '../../../components/ui/select-field';
import { StatusBadge } from '../../../components/ui/status-badge';
import { Timestamp } from '../../../components/ui/timestamp';
import {
  DEFAULT_HISTORY_WINDOW,
  HISTORY_WINDOWS,
  withinHistoryWindow,
  type HistoryWindow,
} from '../executor-history';
import { fleetQueries } from '../queries';
import { ExecutorTable } from './executor-table';

const REFRESH_MS = 5_000;
const VERSION_COLUMNS = ['Version', 'Latest', 'Connected executors', 'Became latest'];

/** The app's executors (from the control plane's records) and its versions. */
export function ExecutorsPage({ org, app }: { org: string; app: string }) {
  const [status, setStatus] = useState<ExecutorStatus | null>(null);
  const [historyWindow, setHistoryWindow] = useState<HistoryWindow>(DEFAULT_HISTORY_WINDOW);
  const executors = useQuery({
    ...fleetQueries.executors(org, app, status),
    refetchInterval: REFRESH_MS,
  });
  const versions = useQuery({ ...fleetQueries.versions(org, app), refetchInterval: REFRESH_MS });
  const recent = executors.data
    ? withinHistoryWindow(executors.data.items, historyWindow, Date.now())
    : undefined;

  return (
    <>
      <Panel title="Executors">
        <form
          className="form form-row"
          aria-label="Filter executors"
          onSubmit={(e) => e.preventDefault()}
        >
          <SelectField
            label="Status"
            value={status ?? ''}
            onChange={(e) => setStatus((e.target.value || null) as ExecutorStatus | null)}
            className="compact"
          >
            <option value="">Any</option>
            {ExecutorStatusSchema.options.map((s) => (
              <option key={s} value={s}>
                {s.toLowerCase()}
              </option>
            ))}
          </SelectField>
          <SelectField
            label="History"
            value={historyWindow}
            onChange={(e) => setHistoryWindow(e.target.value as HistoryWindow)}
            className="compact"
          >
            {HISTORY_WINDOWS.map((w) => (
              <option key={w.value} value={w.value}>
                {w.label}
              </option>
            ))}
          </SelectField>
          {recent && recent.hidden > 0 && (
            <p className="muted" data-testid="executors-hidden" role="status">
              {recent.hidden} older {recent.hidden === 1 ? 'record' : 'records'} hidden.{' '}
              <button type="button" className="btn-link" onClick={() => setHistoryWindow('all')}>
                Show all history
              </button>
            </p>
          )}
        </form>
        <QueryList
          items={recent?.shown}
          error={executors.error}
          empty={
            <EmptyState
              title={
                status || executors.data?.items.length
                  ? 'No executor matches these filters'
                  : `No executor of ${app} has connected yet`
              }
            />
          }
        >
          {(items) => <ExecutorTable executors={items} />}
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
                <tr key={version.versionName}>
                  <td className="mono">{version.versionName}</td>
                  <td>{version.latest ? <StatusBadge tone="ok" status="latest" /> : ''}</td>
                  <td className="num">{version.connectedExecutors}</td>
                  <td>
                    <Timestamp value={version.versionTimestamp} />
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

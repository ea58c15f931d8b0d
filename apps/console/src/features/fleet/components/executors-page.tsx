'use client';

import { EXECUTOR_STATUS_FILTERS, type ExecutorStatusFilter } from '@podium/protocol/rest';
import { useQuery } from '../../../lib/query';
import { useState } from 'react';
import { EmptyState } from '../../../components/ui/empty-state';
import { Panel } from '../../../components/ui/panel';
import { QueryList } from '../../../components/ui/query-list';
import { SelectField } from '../../../components/ui/select-field';
import {
  DEFAULT_HISTORY_WINDOW,
  HISTORY_WINDOWS,
  withinHistoryWindow,
  type HistoryWindow,
} from '../executor-history';
import { fleetQueries } from '../queries';
import { ExecutorTable } from './executor-table';

const REFRESH_MS = 5_000;

/** The app's executors (from the control plane's records); its versions have their own page. */
export function ExecutorsPage({ org, app }: { org: string; app: string }) {
  const [status, setStatus] = useState<ExecutorStatusFilter | null>(null);
  const [historyWindow, setHistoryWindow] = useState<HistoryWindow>(DEFAULT_HISTORY_WINDOW);
  const executors = useQuery({
    ...fleetQueries.executors(org, app, status),
    refetchInterval: REFRESH_MS,
  });
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
            onChange={(e) => setStatus((e.target.value || null) as ExecutorStatusFilter | null)}
            className="compact"
          >
            <option value="">Any</option>
            {EXECUTOR_STATUS_FILTERS.map((s) => (
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
    </>
  );
}

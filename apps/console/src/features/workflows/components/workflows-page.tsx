'use client';

import { AppError } from '@podium/protocol/rest';
import { keepPreviousData, useQuery } from '../../../lib/query';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { startTransition, Suspense, useMemo, useOptimistic, useState } from 'react';
import { EmptyState } from '../../../components/ui/empty-state';
import { ProblemAlert } from '../../../components/ui/problem-alert';
import { can } from '../../../lib/roles';
import { useOrgRole } from '../../organizations/queries';
import {
  filtersFromSearchParams,
  filtersToSearchParams,
  hasNarrowingFilters,
  type WorkflowFilters,
} from '../filters';
import { sortPage } from '../list-sort';
import { workflowListQueries } from '../list-queries';
import { WORKFLOWS_REFRESH_MS } from '../refresh';
import { Pagination } from './pagination';
import { TimeZoneSelect } from './time-zone-select';
import { WorkflowFilterBar } from './workflow-filter-bar';
import { WorkflowListTable } from './workflow-list-table';
import { WorkflowTotal } from './workflow-total';
import { lazyComponent } from '../../../lib/lazy-component';

const BulkActions = lazyComponent(() => import('./bulk-actions'), 'BulkActions');
// Shown only while no executor is connected: out of the page's first load.
const NoExecutor = lazyComponent(() => import('./no-executor'), 'NoExecutor');
const LastKnownBanner = lazyComponent(() => import('./last-known-banner'), 'LastKnownBanner');

const COLUMNS = [
  'id',
  'name',
  'status',
  'created',
  'updated',
  'version',
  'executor',
  'queue',
] as const;

export function WorkflowsPage({ org, app }: { org: string; app: string }) {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const urlFilters = useMemo(
    () => filtersFromSearchParams(new URLSearchParams(searchParams.toString())),
    [searchParams],
  );
  // The URL is the source of truth; this shows a change at once while navigation catches up.
  const [filters, setOptimisticFilters] = useOptimistic(urlFilters);
  const [autoRefresh, setAutoRefresh] = useState(true);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  // The bulk bar loads with the first selection, then stays: it shows the outcome after clearing.
  const [bulkShown, setBulkShown] = useState(false);
  if (selected.size > 0 && !bulkShown) setBulkShown(true);
  const mayOperate = can(useOrgRole(org), 'application.write');
  const refetchInterval = autoRefresh ? WORKFLOWS_REFRESH_MS : false;
  const list = useQuery({
    ...workflowListQueries.list(org, app, filters),
    refetchInterval,
    // Paging and filtering keep the old rows on screen until the new ones arrive.
    placeholderData: keepPreviousData,
  });
  // Counts come from the executor's aggregates; an executor too old to answer them leaves the
  // list as it was (no counts, and Next guesses from a full page).
  const counts = useQuery({
    ...workflowListQueries.statusCounts(org, app, filters),
    refetchInterval,
    placeholderData: keepPreviousData,
  });
  const names = useQuery(workflowListQueries.names(org, app));
  // No executor connected, and the control plane answered from its last-known index: the
  // counts it last gave are out of date, and the index counts what it holds.
  const lastKnown = list.data?.lastKnown;
  const statusCounts = lastKnown ? undefined : counts.data;
  const total = lastKnown
    ? list.data?.total
    : statusCounts && totalOf(statusCounts, filters.status);

  const setFilters = (next: WorkflowFilters) => {
    const query = filtersToSearchParams(next).toString();
    startTransition(() => {
      setOptimisticFilters(next);
      router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
    });
  };
  const select = (ids: string[], on: boolean) =>
    setSelected((prev) => {
      const next = new Set(prev);
      for (const id of ids) {
        if (on) next.add(id);
        else next.delete(id);
      }
      return next;
    });

  const noExecutor = AppError.is(list.error) && list.error.code === 'EXECUTOR_UNAVAILABLE';
  const workflows = useMemo(
    () => sortPage(list.data?.items ?? [], filters.sort),
    [list.data, filters.sort],
  );

  return (
    <section aria-label="Workflows">
      {lastKnown && !noExecutor && (
        <Suspense>
          <LastKnownBanner lastKnown={lastKnown} />
        </Suspense>
      )}
      <div className="toolbar">
        <WorkflowFilterBar
          filters={filters}
          onChange={setFilters}
          statusCounts={statusCounts}
          names={names.data}
        />
      </div>
      <div className="toolbar toolbar-slim">
        <label className="checkbox">
          <input
            type="checkbox"
            checked={autoRefresh}
            onChange={(event) => setAutoRefresh(event.target.checked)}
          />
          Auto-refresh every {WORKFLOWS_REFRESH_MS / 1000} s
        </label>
        <TimeZoneSelect />
        {total !== undefined && !noExecutor && <WorkflowTotal total={total} filters={filters} />}
        <span className="muted" aria-live="polite">
          {list.isFetching ? 'Refreshing…' : ''}
        </span>
        {bulkShown && (
          <Suspense>
            <BulkActions
              org={org}
              app={app}
              selected={workflows.filter((w) => selected.has(w.workflowId))}
              mayOperate={mayOperate}
              offline={lastKnown !== undefined}
              onClear={() => setSelected(new Set())}
            />
          </Suspense>
        )}
      </div>
      {/* A failed refresh leaves the rows read before on screen, under its problem. */}
      {list.isError && list.data && !noExecutor && (
        <ProblemAlert error={list.error} testId="workflows-error" />
      )}
      {noExecutor ? (
        <Suspense>
          <NoExecutor />
        </Suspense>
      ) : list.isError && !list.data ? (
        <ProblemAlert error={list.error} testId="workflows-error" />
      ) : list.isPending ? (
        <p className="muted">Asking the app’s executors…</p>
      ) : workflows.length === 0 ? (
        hasNarrowingFilters(filters) || filters.offset > 0 || lastKnown ? (
          <EmptyState title="No workflows match these filters" testId="no-matches" />
        ) : (
          <EmptyState title="No workflows yet" testId="no-workflows">
            <p>An executor of {app} is connected; workflows it starts will show up here.</p>
          </EmptyState>
        )
      ) : (
        <WorkflowListTable
          org={org}
          app={app}
          workflows={workflows}
          columns={COLUMNS}
          selection={{ selected, onSelect: select }}
          sort={filters.sort}
          onSort={(sort) => setFilters({ ...filters, sort, offset: 0 })}
        />
      )}
      {!noExecutor && list.data && (
        <Pagination
          offset={filters.offset}
          limit={filters.limit}
          count={workflows.length}
          nextOffset={list.data.nextOffset}
          total={total}
          onPage={(offset, limit) => setFilters({ ...filters, offset, limit })}
        />
      )}
    </section>
  );
}

/** What the filters match in all: the chosen statuses' counts, or every status's. */
function totalOf(counts: ReadonlyMap<string, number>, statuses: readonly string[]): number {
  let total = 0;
  for (const [status, count] of counts) {
    if (statuses.length === 0 || statuses.includes(status)) total += count;
  }
  return total;
}

'use client';

import { useQuery, type UseQueryOptions } from '../../../lib/query';
import type { ReactNode } from 'react';
import { EmptyState } from '../../../components/ui/empty-state';
import { Panel } from '../../../components/ui/panel';
import { QueryList } from '../../../components/ui/query-list';
import { HISTORY_REFRESH_MS } from '../refresh';

export interface HistoryPanelProps {
  org: string;
  app: string;
  workflowId: string;
}

interface HistoryListPanelProps<T> {
  /** The panel's title; the count is added once known. */
  title: string;
  testId: string;
  /** What an empty list says. */
  empty: string;
  query: UseQueryOptions<T[]>;
  children: (items: readonly T[]) => ReactNode;
}

/** One of a workflow's history lists (events, messages, streams), kept fresh while shown. */
export function HistoryListPanel<T>({
  title,
  testId,
  empty,
  query,
  children,
}: HistoryListPanelProps<T>) {
  const list = useQuery({ ...query, refetchInterval: HISTORY_REFRESH_MS });
  return (
    <Panel title={`${title}${list.data ? ` (${list.data.length})` : ''}`} testId={testId}>
      <QueryList items={list.data} error={list.error} empty={<EmptyState title={empty} />}>
        {children}
      </QueryList>
    </Panel>
  );
}

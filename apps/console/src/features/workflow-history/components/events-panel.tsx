'use client';

import { useQuery } from '@tanstack/react-query';
import { EmptyState } from '../../../components/ui/empty-state';
import { Panel } from '../../../components/ui/panel';
import { PayloadViewer } from '../../../components/ui/payload-viewer';
import { QueryList } from '../../../components/ui/query-list';
import { HISTORY_REFRESH_MS } from '../refresh';
import { workflowHistoryQueries } from '../queries';

/** Each key the workflow set (`setEvent`), with its latest value, copyable. */
export function EventsPanel({
  org,
  app,
  workflowId,
}: {
  org: string;
  app: string;
  workflowId: string;
}) {
  const events = useQuery({
    ...workflowHistoryQueries.events(org, app, workflowId),
    refetchInterval: HISTORY_REFRESH_MS,
  });
  return (
    <Panel title={`Events${events.data ? ` (${events.data.length})` : ''}`} testId="events-panel">
      <QueryList
        items={events.data}
        error={events.error}
        empty={<EmptyState title="It set no events" />}
      >
        {(items) =>
          items.map((event) => (
            <div key={event.key} data-testid="workflow-event" data-key={event.key}>
              <PayloadViewer
                label={`Event ${event.key}`}
                value={event.value}
                fileBase={`${workflowId}-event-${event.key}`}
              />
            </div>
          ))
        }
      </QueryList>
    </Panel>
  );
}

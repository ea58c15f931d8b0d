'use client';

import { PayloadViewer } from '../../../components/ui/payload-viewer';
import { workflowHistoryQueries } from '../queries';
import { HistoryListPanel, type HistoryPanelProps } from './history-list-panel';

/** Each key the workflow set (`setEvent`), with its latest value, copyable. */
export function EventsPanel({ org, app, workflowId }: HistoryPanelProps) {
  return (
    <HistoryListPanel
      title="Events"
      testId="events-panel"
      empty="It set no events"
      query={workflowHistoryQueries.events(org, app, workflowId)}
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
    </HistoryListPanel>
  );
}

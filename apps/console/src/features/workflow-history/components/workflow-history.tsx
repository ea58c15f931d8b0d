'use client';

import { EventsPanel } from './events-panel';
import { NotificationsPanel } from './notifications-panel';
import { StreamsPanel } from './streams-panel';
import { TransferPanel } from './transfer-panel';

interface WorkflowHistoryProps {
  org: string;
  app: string;
  workflowId: string;
}

/**
 * What a workflow recorded besides its steps (events, messages sent to it, streams), and
 * moving it between applications (export, import). All read live from an executor.
 */
export function WorkflowHistory({ org, app, workflowId }: WorkflowHistoryProps) {
  const props = { org, app, workflowId };
  return (
    <>
      <div className="detail-grid">
        <EventsPanel {...props} />
        <StreamsPanel {...props} />
      </div>
      <NotificationsPanel {...props} />
      <TransferPanel {...props} />
    </>
  );
}

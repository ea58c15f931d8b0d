'use client';

import { CopyButton } from '../../../components/ui/copy-button';
import { DataTable } from '../../../components/ui/data-table';
import { StatusBadge } from '../../../components/ui/status-badge';
import { Timestamp } from '../../../components/ui/timestamp';
import { workflowHistoryQueries } from '../queries';
import { HistoryListPanel, type HistoryPanelProps } from './history-list-panel';

const COLUMNS = ['Topic', 'Message', 'Consumed', 'Sent'];

/** The messages sent to the workflow (`send`), and whether it has received each (`recv`). */
export function NotificationsPanel({ org, app, workflowId }: HistoryPanelProps) {
  return (
    <HistoryListPanel
      title="Messages"
      testId="notifications-panel"
      empty="No message was sent to it"
      query={workflowHistoryQueries.notifications(org, app, workflowId)}
    >
      {(items) => (
        <DataTable columns={COLUMNS} dense testId="notification-table">
          {items.map((message, index) => (
            <tr
              key={`${message.createdAt}-${index}`}
              data-testid="workflow-notification"
              data-topic={message.topic ?? ''}
              data-consumed={message.consumed}
            >
              <td className="mono">{message.topic ?? <span className="muted-inline">—</span>}</td>
              <td>
                <div className="copyable-value">
                  <pre className="value">{message.message}</pre>
                  <CopyButton text={message.message} label={`Copy message ${index + 1}`} compact />
                </div>
              </td>
              <td>
                <StatusBadge
                  tone={message.consumed ? 'ok' : 'warn'}
                  status={message.consumed ? 'consumed' : 'not consumed'}
                />
              </td>
              <td>
                <Timestamp value={message.createdAt} />
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </HistoryListPanel>
  );
}

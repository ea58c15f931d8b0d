'use client';

import { useQuery } from '@tanstack/react-query';
import { CopyButton } from '../../../components/ui/copy-button';
import { DataTable } from '../../../components/ui/data-table';
import { EmptyState } from '../../../components/ui/empty-state';
import { Panel } from '../../../components/ui/panel';
import { QueryList } from '../../../components/ui/query-list';
import { StatusBadge } from '../../../components/ui/status-badge';
import { Timestamp } from '../../../components/ui/timestamp';
import { HISTORY_REFRESH_MS } from '../refresh';
import { workflowHistoryQueries } from '../queries';

const COLUMNS = ['Topic', 'Message', 'Consumed', 'Sent'];

/** The messages sent to the workflow (`send`), and whether it has received each (`recv`). */
export function NotificationsPanel({
  org,
  app,
  workflowId,
}: {
  org: string;
  app: string;
  workflowId: string;
}) {
  const notifications = useQuery({
    ...workflowHistoryQueries.notifications(org, app, workflowId),
    refetchInterval: HISTORY_REFRESH_MS,
  });
  return (
    <Panel
      title={`Messages${notifications.data ? ` (${notifications.data.length})` : ''}`}
      testId="notifications-panel"
    >
      <QueryList
        items={notifications.data}
        error={notifications.error}
        empty={<EmptyState title="No message was sent to it" />}
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
                    <CopyButton
                      text={message.message}
                      label={`Copy message ${index + 1}`}
                      compact
                    />
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
      </QueryList>
    </Panel>
  );
}

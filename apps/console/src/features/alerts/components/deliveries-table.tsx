import type { AlertDelivery } from '@podium/protocol/rest';
import { DataTable } from '../../../components/ui/data-table';
import { StatusBadge } from '../../../components/ui/status-badge';
import { Timestamp } from '../../../components/ui/timestamp';

const COLUMNS = ['When', 'Rule', 'Event', 'To', 'Status', 'Attempts', 'Message'];
const TONES = { PENDING: 'info', DELIVERED: 'ok', FAILED: 'bad' } as const;

/** `500 ✗ · 200 ✓`: each attempt's answer (or error), oldest first. */
function describeAttempts(delivery: AlertDelivery): string {
  return delivery.attempts
    .map((a) => `${a.httpStatus ?? a.error ?? 'no answer'} ${a.ok ? '✓' : '✗'}`)
    .join(' · ');
}

export function DeliveriesTable({ deliveries }: { deliveries: readonly AlertDelivery[] }) {
  return (
    <DataTable columns={COLUMNS} dense testId="alert-delivery-table">
      {deliveries.map((delivery) => (
        <tr key={delivery.id} data-testid="alert-delivery" data-channel={delivery.channel}>
          <td>
            <Timestamp value={delivery.createdAt} />
          </td>
          <td>{delivery.ruleType}</td>
          <td>{delivery.event}</td>
          <td className="mono small">
            {delivery.channel === 'executor' ? `executors of ${delivery.target}` : delivery.target}
          </td>
          <td>
            <StatusBadge tone={TONES[delivery.status]} status={delivery.status} />
          </td>
          <td className="mono small" data-testid="alert-delivery-attempts">
            {describeAttempts(delivery)}
          </td>
          <td className="small">{delivery.message}</td>
        </tr>
      ))}
    </DataTable>
  );
}

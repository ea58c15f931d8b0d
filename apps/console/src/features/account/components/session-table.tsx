'use client';

import type { ActiveSession } from '@podium/protocol/rest';
import { ConfirmButton } from '../../../components/ui/confirm-button';
import { DataTable } from '../../../components/ui/data-table';
import { StatusBadge } from '../../../components/ui/status-badge';
import { Timestamp } from '../../../components/ui/timestamp';
import { formatDateTime } from '../../../lib/format';
import { useTimeZone } from '../../../lib/time-zone';
import { useEndSession } from '../mutations';

const COLUMNS = ['Browser', 'Signed in', 'Last active', 'Ends'];

/** The user's live sessions; any but this one can be signed out from here. */
export function SessionTable({ sessions }: { sessions: readonly ActiveSession[] }) {
  const end = useEndSession();
  const zone = useTimeZone();
  return (
    <DataTable columns={COLUMNS} actionsColumn="Actions" scroll testId="session-table">
      {sessions.map((session) => (
        <tr key={session.id} data-testid={`session-${session.id}`}>
          <td className="small value-cell">
            {session.userAgent ?? 'Unknown browser'}{' '}
            {session.current && <StatusBadge tone="ok" status="this browser" />}
          </td>
          <td>
            <Timestamp value={session.createdAt} />
          </td>
          <td>
            <Timestamp value={session.lastUsedAt} style="relative" />
          </td>
          <td>
            <Timestamp value={session.expiresAt} />
          </td>
          <td className="row-actions">
            {!session.current && (
              <ConfirmButton
                label="Sign out"
                ariaLabel={`Sign out the session signed in ${formatDateTime(session.createdAt, zone)}`}
                title="Sign this session out?"
                confirmLabel="Sign out"
                action={end}
                onConfirm={(close) => end.mutate(session.id, { onSuccess: close })}
              >
                <p>That browser is signed out at once and has to sign in again.</p>
              </ConfirmButton>
            )}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}

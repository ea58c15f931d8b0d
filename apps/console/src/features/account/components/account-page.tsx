'use client';

import { useQuery } from '../../../lib/query';
import { Panel } from '../../../components/ui/panel';
import { QueryList } from '../../../components/ui/query-list';
import { sessionQueries } from '../../session/queries';
import { accountQueries } from '../queries';
import { ChangePasswordForm } from './change-password-form';
import { SessionTable } from './session-table';

/** The signed-in user's own account: their password and where they are signed in. */
export function AccountPage() {
  const me = useQuery(sessionQueries.me());
  const sessions = useQuery(accountQueries.sessions());
  return (
    <>
      <div className="page-heading">
        <h1>Your account</h1>
        {me.data && <p className="muted">{me.data.user.email}</p>}
      </div>
      <Panel title="Password">
        <ChangePasswordForm email={me.data?.user.email} />
      </Panel>
      <Panel title="Where you are signed in" testId="sessions">
        <QueryList items={sessions.data} error={sessions.error}>
          {(items) => <SessionTable sessions={items} />}
        </QueryList>
      </Panel>
    </>
  );
}

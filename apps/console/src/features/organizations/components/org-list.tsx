'use client';

import { useQuery } from '../../../lib/query';
import { Link } from '../../../components/ui/link';
import { DataTable } from '../../../components/ui/data-table';
import { EmptyState } from '../../../components/ui/empty-state';
import { Panel } from '../../../components/ui/panel';
import { roleLabel } from '../../../lib/roles';
import { sessionQueries } from '../../session/queries';
import { CreateOrgForm } from './create-org-form';

const COLUMNS = ['Organization', 'Name', 'Your role'];

/** The home page: the user's organizations, and creating one. */
export function OrgList() {
  const me = useQuery(sessionQueries.me());
  const organizations = me.data?.organizations ?? [];
  return (
    <>
      <div className="page-heading">
        <h1>Organizations</h1>
      </div>
      <Panel title="Your organizations" testId="org-list">
        {organizations.length === 0 ? (
          <EmptyState title="You are not in an organization yet">
            <p>Create one below, or open a join link an admin sent you.</p>
          </EmptyState>
        ) : (
          <DataTable columns={COLUMNS}>
            {organizations.map((o) => (
              <tr key={o.id}>
                <td>
                  <Link href={`/orgs/${o.name}`}>{o.displayName}</Link>
                </td>
                <td className="mono">{o.name}</td>
                <td>{roleLabel(o.role)}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </Panel>
      <Panel title="Create an organization">
        <CreateOrgForm />
      </Panel>
    </>
  );
}

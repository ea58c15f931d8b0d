'use client';

import { useQuery } from '../../../lib/query';
import { Link } from '../../../components/ui/link';
import { DataTable } from '../../../components/ui/data-table';
import { EmptyState } from '../../../components/ui/empty-state';
import { Panel } from '../../../components/ui/panel';
import { QueryList } from '../../../components/ui/query-list';
import { Timestamp } from '../../../components/ui/timestamp';
import { can } from '../../../lib/roles';
import { useOrgRole } from '../../organizations/queries';
import { appQueries } from '../queries';
import { CreateAppForm } from './create-app-form';

const COLUMNS = ['Application', 'Description', 'Executor timeout', 'Created'];

/** The organization's home: its applications, and registering a new one (admins). */
export function AppList({ org }: { org: string }) {
  const apps = useQuery(appQueries.list(org));
  const role = useOrgRole(org);

  return (
    <>
      <Panel title="Applications" testId="app-list">
        <QueryList
          items={apps.data?.items}
          error={apps.error}
          empty={
            <EmptyState title="No applications yet">
              <p>
                Register your app under the name its executors connect with; then create an API key
                for it and start it with that key.
              </p>
            </EmptyState>
          }
        >
          {(items) => (
            <DataTable columns={COLUMNS} actionsColumn="Links">
              {items.map((app) => (
                <tr key={app.id}>
                  <td>
                    <Link className="mono strong" href={`/orgs/${org}/apps/${app.name}/workflows`}>
                      {app.name}
                    </Link>
                  </td>
                  <td>{app.description || <span className="muted-inline">—</span>}</td>
                  <td className="num">{app.executorTimeoutSecs} s</td>
                  <td>
                    <Timestamp value={app.createdAt} />
                  </td>
                  <td className="row-links">
                    <Link href={`/orgs/${org}/apps/${app.name}/executors`}>Executors</Link>
                    <Link href={`/orgs/${org}/apps/${app.name}/settings`}>Settings</Link>
                  </td>
                </tr>
              ))}
            </DataTable>
          )}
        </QueryList>
      </Panel>
      {can(role, 'application.write') ? (
        <Panel title="Register an application">
          <CreateAppForm org={org} />
        </Panel>
      ) : (
        role && <p className="muted">Only admins register applications.</p>
      )}
    </>
  );
}

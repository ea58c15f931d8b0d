'use client';

import { useQuery } from '../../../lib/query';
import { useState } from 'react';
import { ConfirmButton } from '../../../components/ui/confirm-button';
import { DataTable } from '../../../components/ui/data-table';
import { EmptyState } from '../../../components/ui/empty-state';
import { Panel } from '../../../components/ui/panel';
import { QueryList } from '../../../components/ui/query-list';
import { StatusBadge } from '../../../components/ui/status-badge';
import { Timestamp } from '../../../components/ui/timestamp';
import { can } from '../../../lib/roles';
import { useOrgRole } from '../../organizations/queries';
import { useSetLatestVersion } from '../mutations';
import { versionQueries } from '../queries';

const REFRESH_MS = 5_000;
const COLUMNS = ['Version', 'Latest', 'Created', 'Became latest', 'Connected executors'];

/**
 * The app's versions, the latest marked; operators make another the latest (a rollback or a
 * blue-green switch: schedules and new unversioned work go to its executors).
 */
export function VersionsPage({ org, app }: { org: string; app: string }) {
  const versions = useQuery({ ...versionQueries.list(org, app), refetchInterval: REFRESH_MS });
  const mayOperate = can(useOrgRole(org), 'application.write');
  const setLatest = useSetLatestVersion(org, app);
  const [promoted, setPromoted] = useState<string | null>(null);
  // Only versions registered in the app's database can be made latest (not mere records).
  const fromExecutors = versions.data?.source === 'executors';

  return (
    <Panel
      title="Versions"
      aside={
        versions.data && (
          <span className="muted">
            {fromExecutors ? 'as registered in the app’s database' : 'as seen in executor records'}
          </span>
        )
      }
    >
      {promoted && (
        <p className="reason reason-ok" role="status" data-testid="version-outcome">
          {promoted} is now the latest version.
        </p>
      )}
      <QueryList
        items={versions.data?.items}
        error={versions.error}
        empty={<EmptyState title="No versions known yet" />}
      >
        {(items) => (
          <DataTable
            columns={COLUMNS}
            actionsColumn={mayOperate && fromExecutors ? 'Actions' : undefined}
            dense
            testId="version-table"
          >
            {items.map((version) => (
              <tr
                key={version.versionName}
                data-testid="version-row"
                data-version={version.versionName}
              >
                <td className="mono">{version.versionName}</td>
                <td>{version.latest ? <StatusBadge tone="ok" status="latest" /> : ''}</td>
                <td>
                  <Timestamp value={version.createdAt} />
                </td>
                <td data-testid="version-became-latest">
                  <Timestamp value={version.versionTimestamp} />
                </td>
                <td className="num">{version.connectedExecutors}</td>
                {mayOperate && fromExecutors && (
                  <td>
                    {/* On the latest too (its timestamp moves to now): the button stays where
                        it was, so focus comes back to it when the dialog closes. */}
                    <ConfirmButton
                      label={version.latest ? 'Make latest again' : 'Make latest'}
                      ariaLabel={`${version.latest ? 'Make latest again' : 'Make latest'}: ${version.versionName}`}
                      className="btn btn-small"
                      tone="primary"
                      title={`Make ${version.versionName} the latest version?`}
                      confirmLabel="Make latest"
                      action={setLatest}
                      onConfirm={(close) =>
                        setLatest.mutate(version.versionName, {
                          onSuccess: () => {
                            close();
                            setPromoted(version.versionName);
                          },
                        })
                      }
                    >
                      <p>
                        Schedules, resumed workflows and new unversioned work go to executors of{' '}
                        <span className="mono">{version.versionName}</span> from now on. Work
                        already running stays where it is.
                      </p>
                    </ConfirmButton>
                  </td>
                )}
              </tr>
            ))}
          </DataTable>
        )}
      </QueryList>
    </Panel>
  );
}

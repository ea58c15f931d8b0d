'use client';

import { useQuery } from '../../../lib/query';
import { useRouter } from 'next/navigation';
import { ConfirmButton } from '../../../components/ui/confirm-button';
import { Panel } from '../../../components/ui/panel';
import { ProblemAlert } from '../../../components/ui/problem-alert';
import { RefreshFailed } from '../../../components/ui/refresh-failed';
import { can } from '../../../lib/roles';
import { useOrgRole } from '../../organizations/queries';
import { useDeleteApplication, useUpdateApplication } from '../mutations';
import { appQueries } from '../queries';
import { AppSettingsForm } from './app-settings-form';

export function AppSettings({ org, app }: { org: string; app: string }) {
  // Refreshed while open: retention pushes land after a save (lastRetentionPush).
  const detail = useQuery({ ...appQueries.detail(org, app), refetchInterval: 5_000 });
  const role = useOrgRole(org);
  const update = useUpdateApplication(org, app);
  if (!detail.data) {
    return detail.isError ? (
      <ProblemAlert error={detail.error} />
    ) : (
      <p className="muted">Loading…</p>
    );
  }
  if (!can(role, 'application.write')) {
    return <p className="muted">Only admins change an application’s settings.</p>;
  }
  // A failed refresh leaves the form, and what the operator typed in it, on screen.
  return (
    <>
      <RefreshFailed error={detail.error} readAt={detail.dataUpdatedAt} />
      {/* Keyed by update time: a saved change re-seeds the form from the server. */}
      <AppSettingsForm key={detail.data.updatedAt} application={detail.data} update={update} />
      <DeleteApp org={org} app={app} />
    </>
  );
}

function DeleteApp({ org, app }: { org: string; app: string }) {
  const remove = useDeleteApplication(org, app);
  const router = useRouter();
  return (
    <Panel title="Delete application">
      <p className="muted">
        Deleting <strong className="mono">{app}</strong> closes its executors’ links, deletes their
        records and revokes the API keys scoped to it alone. Workflow data stays in the app’s own
        database.
      </p>
      <div className="form-actions">
        <ConfirmButton
          label="Delete application"
          className="btn btn-danger"
          title={`Delete ${app}?`}
          confirmLabel="Delete application"
          action={remove}
          onConfirm={() =>
            remove.mutate(undefined, { onSuccess: () => router.push(`/orgs/${org}`) })
          }
        >
          <p>Its executors will be disconnected at once. This cannot be undone.</p>
        </ConfirmButton>
      </div>
    </Panel>
  );
}

'use client';

import type { Application } from '@podium/protocol/rest';
import { useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { ConfirmButton } from '../../../components/ui/confirm-button';
import { Panel } from '../../../components/ui/panel';
import { ProblemAlert } from '../../../components/ui/problem-alert';
import { SubmitButton } from '../../../components/ui/submit-button';
import { TextField } from '../../../components/ui/text-field';
import { can } from '../../../lib/roles';
import { useOrgRole } from '../../organizations/queries';
import { useDeleteApplication, useUpdateApplication } from '../mutations';
import { appQueries } from '../queries';
import { DescriptionField } from './description-field';
import { GracePeriodField } from './grace-period-field';

export function AppSettings({ org, app }: { org: string; app: string }) {
  const detail = useQuery(appQueries.detail(org, app));
  const role = useOrgRole(org);
  if (detail.isError) return <ProblemAlert error={detail.error} />;
  if (!detail.data) return <p className="muted">Loading…</p>;
  if (!can(role, 'admin')) {
    return <p className="muted">Only admins change an application’s settings.</p>;
  }
  return (
    <>
      {/* Keyed by update time: a saved change re-seeds the form from the server. */}
      <SettingsForm key={detail.data.updatedAt} org={org} application={detail.data} />
      <DeleteApp org={org} app={app} />
    </>
  );
}

function SettingsForm({ org, application }: { org: string; application: Application }) {
  const [description, setDescription] = useState(application.description);
  const [grace, setGrace] = useState(String(application.executorGracePeriodSeconds));
  const update = useUpdateApplication(org, application.name);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate({ description: description.trim(), executorGracePeriodSeconds: Number(grace) });
  };

  return (
    <Panel title="Settings">
      <form className="form form-narrow" onSubmit={submit} aria-label="Application settings">
        <TextField
          label="Name"
          value={application.name}
          readOnly
          hint="Names cannot change: executors connect with it."
        />
        <DescriptionField value={description} onChange={setDescription} />
        <GracePeriodField value={grace} onChange={setGrace} />
        <ProblemAlert error={update.error} />
        {update.isSuccess && (
          <p className="notice" role="status">
            Saved.
          </p>
        )}
        <div className="form-actions">
          <SubmitButton pending={update.isPending} pendingLabel="Saving…">
            Save settings
          </SubmitButton>
        </div>
      </form>
    </Panel>
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

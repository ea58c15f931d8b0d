'use client';

import type { ApiKey } from '@podium/protocol/rest';
import { useState, type FormEvent } from 'react';
import { ConfirmButton } from '../../../components/ui/confirm-button';
import { DataTable } from '../../../components/ui/data-table';
import { Dialog } from '../../../components/ui/dialog';
import { ProblemAlert } from '../../../components/ui/problem-alert';
import { SubmitButton } from '../../../components/ui/submit-button';
import { StatusBadge } from '../../../components/ui/status-badge';
import { TextField } from '../../../components/ui/text-field';
import { Timestamp } from '../../../components/ui/timestamp';
import { keyStatus } from '../key-status';
import { useRenameApiKey, useRevokeApiKey } from '../mutations';

const TONES = { active: 'ok', revoked: 'neutral', expired: 'bad' } as const;

const COLUMNS = [
  'Name',
  'Prefix',
  'Permissions',
  'Applications',
  'Status',
  'Created',
  'Last used',
  'Expires',
];

interface KeyTableProps {
  org: string;
  keys: readonly ApiKey[];
  /** Whether the user may rename and revoke keys (`token.write`): else no actions column. */
  mayWrite: boolean;
}

export function KeyTable({ org, keys, mayWrite }: KeyTableProps) {
  const [renaming, setRenaming] = useState<ApiKey | null>(null);
  const revoke = useRevokeApiKey(org);

  return (
    <>
      <DataTable
        columns={COLUMNS}
        actionsColumn={mayWrite ? 'Actions' : undefined}
        scroll
        testId="api-key-table"
      >
        {keys.map((key) => {
          const status = keyStatus(key);
          return (
            <tr key={key.id} data-testid={`api-key-${key.prefix}`}>
              <td className="strong">{key.tokenName}</td>
              <td className="mono">{key.prefix}…</td>
              <td className="mono small">{key.permissions.join(', ')}</td>
              <td className="mono small">{key.applications.join(', ') || 'all'}</td>
              <td>
                <StatusBadge tone={TONES[status]} status={status} />
              </td>
              <td>
                <Timestamp value={key.createdAt} />
              </td>
              <td>
                {key.lastUsedAt ? <Timestamp value={key.lastUsedAt} style="relative" /> : 'never'}
              </td>
              <td>{key.expiresAt ? <Timestamp value={key.expiresAt} /> : 'never'}</td>
              {mayWrite && (
                <td className="row-actions">
                  <button
                    type="button"
                    className="btn btn-small"
                    onClick={() => setRenaming(key)}
                    aria-label={`Rename ${key.tokenName}`}
                  >
                    Rename
                  </button>
                  {status !== 'revoked' && (
                    <ConfirmButton
                      label="Revoke"
                      ariaLabel={`Revoke ${key.tokenName}`}
                      title={`Revoke “${key.tokenName}”?`}
                      confirmLabel="Revoke key"
                      action={revoke}
                      onConfirm={(close) => revoke.mutate(key.id, { onSuccess: close })}
                    >
                      <p>
                        Executors connected with <span className="mono">{key.prefix}…</span> are
                        disconnected at once, and the key stops working everywhere. This cannot be
                        undone.
                      </p>
                    </ConfirmButton>
                  )}
                </td>
              )}
            </tr>
          );
        })}
      </DataTable>
      {renaming && <RenameDialog org={org} apiKey={renaming} onClose={() => setRenaming(null)} />}
    </>
  );
}

function RenameDialog({
  org,
  apiKey,
  onClose,
}: {
  org: string;
  apiKey: ApiKey;
  onClose: () => void;
}) {
  const [name, setName] = useState(apiKey.tokenName);
  const rename = useRenameApiKey(org);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    rename.mutate({ id: apiKey.id, name: name.trim() }, { onSuccess: onClose });
  };
  return (
    <Dialog open title={`Rename “${apiKey.tokenName}”`} onClose={onClose}>
      <form className="form" onSubmit={submit} aria-label="Rename API key">
        <TextField
          label="New name"
          value={name}
          onChange={(event) => setName(event.target.value)}
          required
          maxLength={100}
          autoFocus
        />
        <ProblemAlert error={rename.error} />
        <footer className="dialog-footer">
          <button type="button" className="btn" onClick={onClose}>
            Back
          </button>
          <SubmitButton pending={rename.isPending}>Rename</SubmitButton>
        </footer>
      </form>
    </Dialog>
  );
}

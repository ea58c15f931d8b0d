'use client';

import {
  DEFAULT_JOIN_SECRET_TTL_DAYS,
  type CreateJoinSecretResponse,
  BUILT_IN_ROLES,
  type Role,
  type RoleOutput,
} from '@podium/protocol/rest';
import { useQuery } from '../../../lib/query';
import { useState, type FormEvent } from 'react';
import { ConfirmButton } from '../../../components/ui/confirm-button';
import { CopyButton } from '../../../components/ui/copy-button';
import { DataTable } from '../../../components/ui/data-table';
import { Panel } from '../../../components/ui/panel';
import { ProblemAlert } from '../../../components/ui/problem-alert';
import { SubmitButton } from '../../../components/ui/submit-button';
import { SelectField } from '../../../components/ui/select-field';
import { TextField } from '../../../components/ui/text-field';
import { Timestamp } from '../../../components/ui/timestamp';
import { grantableRoles, roleLabel } from '../../../lib/roles';
import { isJoinSecretUsable } from '../join-secret-status';
import { useCreateJoinSecret, useRevokeJoinSecret } from '../mutations';
import { memberQueries } from '../queries';

const TTL_CHOICES = [1, DEFAULT_JOIN_SECRET_TTL_DAYS, 30, 90];
const COLUMNS = ['Prefix', 'Role', 'Uses', 'Expires', 'Status'];

/** Join links: an admin makes one, whoever opens it (signed in) joins with its role. */
export function JoinSecretsPanel({ org, myRole }: { org: string; myRole: RoleOutput | undefined }) {
  const secrets = useQuery(memberQueries.joinSecrets(org));
  const create = useCreateJoinSecret(org);
  const revoke = useRevokeJoinSecret(org);
  const [role, setRole] = useState<Role>('VIEWER');
  const [maxUses, setMaxUses] = useState('1');
  const [days, setDays] = useState(DEFAULT_JOIN_SECRET_TTL_DAYS);
  const [created, setCreated] = useState<CreateJoinSecretResponse | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      {
        role,
        maxUses: Number(maxUses),
        expiresAt: new Date(Date.now() + days * 86_400_000).toISOString(),
      },
      { onSuccess: setCreated },
    );
  };
  const link = created
    ? `${window.location.origin}/join?secret=${encodeURIComponent(created.secret)}`
    : '';

  return (
    <Panel title="Invite with a join link">
      <form className="form form-row" onSubmit={submit} aria-label="Create join link">
        <SelectField label="Role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
          {grantableRoles(myRole, BUILT_IN_ROLES).map((r) => (
            <option key={r.name} value={r.name}>
              {roleLabel(r.name)}
            </option>
          ))}
        </SelectField>
        <TextField
          label="Uses"
          type="number"
          min={1}
          max={1000}
          value={maxUses}
          onChange={(e) => setMaxUses(e.target.value)}
          required
        />
        <SelectField
          label="Valid for"
          value={days}
          onChange={(e) => setDays(Number(e.target.value))}
        >
          {TTL_CHOICES.map((d) => (
            <option key={d} value={d}>
              {d} day{d === 1 ? '' : 's'}
            </option>
          ))}
        </SelectField>
        <div className="form-actions">
          <SubmitButton pending={create.isPending}>Create join link</SubmitButton>
        </div>
      </form>
      <ProblemAlert error={create.error} />
      {created && (
        <div className="secret-panel" data-testid="new-join-link">
          <p className="warning-text">
            Send this link now: it is shown only once. Whoever opens it, signed in, joins as{' '}
            {roleLabel(created.role)}.
          </p>
          <div className="copy-row">
            <code className="secret" data-testid="join-link">
              {link}
            </code>
            <CopyButton text={link} label="Copy join link" />
          </div>
        </div>
      )}
      <ProblemAlert error={secrets.error} />
      {secrets.data && secrets.data.items.length > 0 && (
        <DataTable columns={COLUMNS} actionsColumn="Actions" dense>
          {secrets.data.items.map((secret) => {
            const usable = isJoinSecretUsable(secret);
            return (
              <tr key={secret.id} data-testid={`join-secret-${secret.prefix}`}>
                <td className="mono">{secret.prefix}…</td>
                <td>{roleLabel(secret.role)}</td>
                <td className="num">
                  {secret.uses} / {secret.maxUses}
                </td>
                <td>
                  <Timestamp value={secret.expiresAt} />
                </td>
                <td>{secret.revokedAt ? 'revoked' : usable ? 'usable' : 'used up or expired'}</td>
                <td className="row-actions">
                  {usable && (
                    <ConfirmButton
                      label="Revoke"
                      ariaLabel={`Revoke join link ${secret.prefix}`}
                      title={`Revoke the join link ${secret.prefix}…?`}
                      confirmLabel="Revoke join link"
                      action={revoke}
                      onConfirm={(close) => revoke.mutate(secret.id, { onSuccess: close })}
                    >
                      <p>
                        Nobody can join with it any more, whoever it was sent to. This cannot be
                        undone.
                      </p>
                    </ConfirmButton>
                  )}
                </td>
              </tr>
            );
          })}
        </DataTable>
      )}
    </Panel>
  );
}

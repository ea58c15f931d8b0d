'use client';

import type { Permission, RoleOutput } from '@podium/protocol/rest';
import { useState, type FormEvent } from 'react';
import { ConfirmButton } from '../../../components/ui/confirm-button';
import { DataTable } from '../../../components/ui/data-table';
import { Panel } from '../../../components/ui/panel';
import { ProblemAlert } from '../../../components/ui/problem-alert';
import { SubmitButton } from '../../../components/ui/submit-button';
import { TextField } from '../../../components/ui/text-field';
import { PermissionChecklist } from '../../../components/ui/permission-checklist';
import { can, roleLabel } from '../../../lib/roles';
import { useCreateRole, useDeleteRole } from '../mutations';

const COLUMNS = ['Role', 'Kind', 'Permissions'];

interface RolesPanelProps {
  org: string;
  roles: readonly RoleOutput[];
  myRole: RoleOutput | undefined;
}

/** The organization's roles with their permissions; managers create and delete custom ones. */
export function RolesPanel({ org, roles, myRole }: RolesPanelProps) {
  const manages = can(myRole, 'organization.write');
  const remove = useDeleteRole(org);
  return (
    <Panel title="Roles">
      <DataTable columns={COLUMNS} actionsColumn={manages ? 'Actions' : undefined} testId="roles">
        {roles.map((role) => (
          <tr key={role.name} data-testid="role-row" data-role={role.name}>
            <td className="strong">{roleLabel(role.name)}</td>
            <td>{role.isGlobal ? 'Built in' : 'Custom'}</td>
            <td className="mono">{role.permissions.join(', ') || '—'}</td>
            {manages && (
              <td className="row-actions">
                {!role.isGlobal && (
                  <ConfirmButton
                    label="Delete"
                    ariaLabel={`Delete role ${role.name}`}
                    title={`Delete the role “${role.name}”?`}
                    confirmLabel="Delete role"
                    tone="danger"
                    action={remove}
                    onConfirm={(close) => remove.mutate(role.name, { onSuccess: close })}
                  >
                    <p>Only a role nobody holds can be deleted.</p>
                  </ConfirmButton>
                )}
              </td>
            )}
          </tr>
        ))}
      </DataTable>
      {manages && <CreateRoleForm org={org} />}
    </Panel>
  );
}

function CreateRoleForm({ org }: { org: string }) {
  const [name, setName] = useState('');
  const [permissions, setPermissions] = useState<Permission[]>([]);
  const create = useCreateRole(org);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      { name: name.trim(), permissions },
      {
        onSuccess: () => {
          setName('');
          setPermissions([]);
        },
      },
    );
  };
  return (
    <form className="form" onSubmit={submit} aria-label="Create role">
      <div className="form-row">
        <TextField
          label="Role name"
          value={name}
          onChange={(event) => setName(event.target.value)}
          required
          minLength={3}
          maxLength={30}
          pattern="[A-Za-z0-9_]+"
          placeholder="release_managers"
          autoComplete="off"
        />
      </div>
      <PermissionChecklist selected={permissions} onChange={setPermissions} />
      <ProblemAlert error={create.error} fieldLabels={{ name: 'Role name' }} />
      <div className="form-actions">
        <SubmitButton pending={create.isPending} pendingLabel="Creating…">
          Create role
        </SubmitButton>
      </div>
    </form>
  );
}

'use client';

import type { Member, RoleOutput } from '@podium/protocol/rest';
import { useQuery } from '../../../lib/query';
import { useRouter } from 'next/navigation';
import { Suspense, useState } from 'react';
import { ConfirmButton } from '../../../components/ui/confirm-button';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';
import { DataTable } from '../../../components/ui/data-table';
import { ProblemAlert } from '../../../components/ui/problem-alert';
import { Timestamp } from '../../../components/ui/timestamp';
import { can, grantableRoles, roleLabel } from '../../../lib/roles';
import { sessionQueries } from '../../session/queries';
import { useGrantRole, useRemoveMember } from '../mutations';
import { isDemotion } from '../revocations';
import { lazyComponent } from '../../../lib/lazy-component';

// Shown inside a confirmation only: loaded when one opens.
const RevocationPreview = lazyComponent(() => import('./revocation-preview'), 'RevocationPreview');

interface MemberTableProps {
  org: string;
  members: readonly Member[];
  /** Every role of the organization, built in first. */
  roles: readonly RoleOutput[];
  myRole: RoleOutput | undefined;
}

const COLUMNS = ['Name', 'Email', 'Role', 'Joined'];

interface RoleChange {
  member: Member;
  role: RoleOutput;
  /** Whether `role` lacks something their current one allows. */
  demotes: boolean;
}

export function MemberTable({ org, members, roles, myRole }: MemberTableProps) {
  const me = useQuery(sessionQueries.me());
  const updateRole = useGrantRole(org);
  const remove = useRemoveMember(org);
  const router = useRouter();
  const isAdmin = can(myRole, 'organization.write');
  const grantable = grantableRoles(myRole, roles);
  const myId = me.data?.user.id;
  // Every change of role waits here for confirmation (a select also changes on a stray arrow
  // key): a promotion hands out powers, the owner's among them; a demotion may revoke keys and
  // join links they created.
  const [change, setChange] = useState<RoleChange | null>(null);
  const changeRole = (member: Member, roleName: string) => {
    const role = roles.find((r) => r.name === roleName);
    const current = roles.find((r) => r.name === member.role);
    if (!role) return;
    updateRole.reset();
    setChange({ member, role, demotes: !current || isDemotion(current, role) });
  };

  return (
    <>
      <ProblemAlert error={change ? null : updateRole.error} />
      <DataTable columns={COLUMNS} actionsColumn="Actions" testId="member-table">
        {members.map((member) => {
          const isMe = member.userId === myId;
          // Owners alone touch the owner role; nobody grants more than they hold.
          const editable = isAdmin && !isMe && grantable.some((r) => r.name === member.role);
          return (
            <tr key={member.userId} data-testid="member-row" data-email={member.email}>
              <td className="strong">
                {member.displayName}
                {isMe && <span className="muted-inline"> (you)</span>}
              </td>
              <td>{member.email}</td>
              <td>
                {editable ? (
                  <select
                    aria-label={`Role of ${member.displayName}`}
                    value={member.role}
                    disabled={updateRole.isPending}
                    onChange={(event) => changeRole(member, event.target.value)}
                  >
                    {grantable.map((role) => (
                      <option key={role.name} value={role.name}>
                        {roleLabel(role.name)}
                      </option>
                    ))}
                  </select>
                ) : (
                  roleLabel(member.role)
                )}
              </td>
              <td>
                <Timestamp value={member.joinedAt} />
              </td>
              <td className="row-actions">
                {(isMe || editable) && (
                  <ConfirmButton
                    label={isMe ? 'Leave' : 'Remove'}
                    title={isMe ? 'Leave this organization?' : `Remove ${member.displayName}?`}
                    confirmLabel={isMe ? 'Leave' : 'Remove member'}
                    action={remove}
                    onConfirm={(close) => {
                      if (!isMe) return remove.mutate(member.userId, { onSuccess: close });
                      // Leaving unmounts this page (its organization is gone) before a
                      // mutate() callback would run; the promise still settles. Failures show
                      // in the dialog through `remove.error`.
                      remove.mutateAsync(member.userId).then(
                        () => router.push('/'),
                        () => undefined,
                      );
                    }}
                  >
                    <p>They lose access to its applications and workflows at once.</p>
                    {isAdmin && (
                      <Suspense>
                        <RevocationPreview org={org} member={member} newRole={null} />
                      </Suspense>
                    )}
                  </ConfirmButton>
                )}
              </td>
            </tr>
          );
        })}
      </DataTable>
      {change && (
        <ConfirmDialog
          open
          title={`Make ${change.member.displayName} ${roleLabel(change.role.name)}?`}
          confirmLabel="Change role"
          tone={change.demotes || change.role.name === 'OWNER' ? 'danger' : 'primary'}
          busy={updateRole.isPending}
          error={updateRole.error}
          onClose={() => setChange(null)}
          onConfirm={() =>
            updateRole.mutate(
              { userId: change.member.userId, roleName: change.role.name },
              { onSuccess: () => setChange(null) },
            )
          }
        >
          {change.demotes ? (
            <>
              <p>
                Access beyond the {roleLabel(change.role.name)} role ends at once, and what they
                created but could no longer create is revoked.
              </p>
              <Suspense>
                <RevocationPreview org={org} member={change.member} newRole={change.role} />
              </Suspense>
            </>
          ) : (
            <p data-testid="promotion-note">
              Everything the {roleLabel(change.role.name)} role allows is theirs at once
              {change.role.name === 'OWNER'
                ? ', up to changing or removing every member, owners included.'
                : '.'}
            </p>
          )}
        </ConfirmDialog>
      )}
    </>
  );
}

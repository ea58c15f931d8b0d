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

export function MemberTable({ org, members, roles, myRole }: MemberTableProps) {
  const me = useQuery(sessionQueries.me());
  const updateRole = useGrantRole(org);
  const remove = useRemoveMember(org);
  const router = useRouter();
  const isAdmin = can(myRole, 'organization.write');
  const grantable = grantableRoles(myRole, roles);
  const myId = me.data?.user.id;
  // A demotion waits here for confirmation: it may revoke keys and join links they created.
  const [demotion, setDemotion] = useState<{ member: Member; role: RoleOutput } | null>(null);
  const changeRole = (member: Member, roleName: string) => {
    const role = roles.find((r) => r.name === roleName);
    const current = roles.find((r) => r.name === member.role);
    if (!role) return;
    if (!current || isDemotion(current, role)) {
      updateRole.reset();
      setDemotion({ member, role });
    } else updateRole.mutate({ userId: member.userId, roleName });
  };

  return (
    <>
      <ProblemAlert error={demotion ? null : updateRole.error} />
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
      {demotion && (
        <ConfirmDialog
          open
          title={`Make ${demotion.member.displayName} ${roleLabel(demotion.role.name)}?`}
          confirmLabel="Change role"
          tone="danger"
          busy={updateRole.isPending}
          error={updateRole.error}
          onClose={() => setDemotion(null)}
          onConfirm={() =>
            updateRole.mutate(
              { userId: demotion.member.userId, roleName: demotion.role.name },
              { onSuccess: () => setDemotion(null) },
            )
          }
        >
          <p>
            Access beyond the {roleLabel(demotion.role.name)} role ends at once, and what they
            created but could no longer create is revoked.
          </p>
          <Suspense>
            <RevocationPreview org={org} member={demotion.member} newRole={demotion.role} />
          </Suspense>
        </ConfirmDialog>
      )}
    </>
  );
}

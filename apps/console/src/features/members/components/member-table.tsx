'use client';

import { ROLES, type Member, type Role } from '@podium/protocol/rest';
import { useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { ConfirmButton } from '../../../components/ui/confirm-button';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';
import { DataTable } from '../../../components/ui/data-table';
import { ProblemAlert } from '../../../components/ui/problem-alert';
import { Timestamp } from '../../../components/ui/timestamp';
import { can, grantableRoles, ROLE_LABELS } from '../../../lib/roles';
import { sessionQueries } from '../../session/queries';
import { useRemoveMember, useUpdateMemberRole } from '../mutations';
import { isDemotion } from '../revocations';
import { RevocationPreview } from './revocation-preview';

interface MemberTableProps {
  org: string;
  members: readonly Member[];
  myRole: Role | undefined;
}

const COLUMNS = ['Name', 'Email', 'Role', 'Joined'];

export function MemberTable({ org, members, myRole }: MemberTableProps) {
  const me = useQuery(sessionQueries.me());
  const updateRole = useUpdateMemberRole(org);
  const remove = useRemoveMember(org);
  const router = useRouter();
  const isAdmin = can(myRole, 'admin');
  const grantable = grantableRoles(myRole);
  const myId = me.data?.user.id;
  // A demotion waits here for confirmation: it may revoke keys and join links they created.
  const [demotion, setDemotion] = useState<{ member: Member; role: Role } | null>(null);
  const changeRole = (member: Member, role: Role) => {
    if (isDemotion(member.role, role)) {
      updateRole.reset();
      setDemotion({ member, role });
    } else updateRole.mutate({ userId: member.userId, role });
  };

  return (
    <>
      <ProblemAlert error={demotion ? null : updateRole.error} />
      <DataTable columns={COLUMNS} actionsColumn="Actions" testId="member-table">
        {members.map((member) => {
          const isMe = member.userId === myId;
          // Owners alone touch the owner role; nobody grants more than they hold.
          const editable = isAdmin && !isMe && grantable.includes(member.role);
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
                    onChange={(event) => changeRole(member, event.target.value as Role)}
                  >
                    {ROLES.filter((r) => grantable.includes(r)).map((role) => (
                      <option key={role} value={role}>
                        {ROLE_LABELS[role]}
                      </option>
                    ))}
                  </select>
                ) : (
                  ROLE_LABELS[member.role]
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
                    {isAdmin && <RevocationPreview org={org} member={member} newRole={null} />}
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
          title={`Make ${demotion.member.displayName} ${ROLE_LABELS[demotion.role]}?`}
          confirmLabel="Change role"
          tone="danger"
          busy={updateRole.isPending}
          error={updateRole.error}
          onClose={() => setDemotion(null)}
          onConfirm={() =>
            updateRole.mutate(
              { userId: demotion.member.userId, role: demotion.role },
              { onSuccess: () => setDemotion(null) },
            )
          }
        >
          <p>
            Access beyond the {ROLE_LABELS[demotion.role]} role ends at once, and what they created
            but could no longer create is revoked.
          </p>
          <RevocationPreview org={org} member={demotion.member} newRole={demotion.role} />
        </ConfirmDialog>
      )}
    </>
  );
}

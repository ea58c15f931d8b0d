'use client';

import { ROLES, type Member, type Role } from '@podium/protocol';
import { useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { ConfirmButton } from '../../../components/ui/confirm-button';
import { DataTable } from '../../../components/ui/data-table';
import { ProblemAlert } from '../../../components/ui/problem-alert';
import { Timestamp } from '../../../components/ui/timestamp';
import { can, grantableRoles, ROLE_LABELS } from '../../../lib/roles';
import { sessionQueries } from '../../session/queries';
import { useRemoveMember, useUpdateMemberRole } from '../mutations';

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

  return (
    <>
      <ProblemAlert error={updateRole.error} />
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
                    onChange={(event) =>
                      updateRole.mutate({
                        userId: member.userId,
                        role: event.target.value as Role,
                      })
                    }
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
                  </ConfirmButton>
                )}
              </td>
            </tr>
          );
        })}
      </DataTable>
    </>
  );
}

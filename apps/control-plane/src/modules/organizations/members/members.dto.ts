import type { Member } from '@podium/protocol';
import type { MemberRecord } from './members.repository';

export function mapMember(member: MemberRecord): Member {
  return {
    userId: member.userId,
    email: member.email,
    displayName: member.displayName,
    role: member.role.name,
    joinedAt: member.joinedAt.toISOString(),
  };
}

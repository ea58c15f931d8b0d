import type { Member, RemovedMember } from '@podium/protocol';
import { dbosNameOf } from '../../users/users.dto';
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

/** DBOS Conductor's `Member`: who a removal removed. */
export function mapRemovedMember(member: MemberRecord): RemovedMember {
  return {
    id: member.userId,
    orgId: member.organizationId,
    email: member.email,
    name: dbosNameOf(member, member.userId),
    givenName: member.givenName,
    familyName: member.familyName,
    company: member.company,
  };
}

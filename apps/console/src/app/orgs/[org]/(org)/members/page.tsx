import type { Metadata } from 'next';
import { MembersPage } from '../../../../../features/members/components/members-page';

export const metadata: Metadata = { title: 'Members' };

export default async function OrgMembersPage({ params }: PageProps<'/orgs/[org]/members'>) {
  const { org } = await params;
  return <MembersPage org={org} />;
}

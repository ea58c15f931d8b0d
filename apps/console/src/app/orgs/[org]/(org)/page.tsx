import type { Metadata } from 'next';
import { AppList } from '../../../../features/applications/components/app-list';

export const metadata: Metadata = { title: 'Applications' };

export default async function OrgHomePage({ params }: PageProps<'/orgs/[org]'>) {
  const { org } = await params;
  return <AppList org={org} />;
}

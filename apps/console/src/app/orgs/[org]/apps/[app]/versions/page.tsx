import type { Metadata } from 'next';
import { VersionsPage } from '../../../../../../features/versions/components/versions-page';

export const metadata: Metadata = { title: 'Versions' };

export default async function AppVersionsPage({
  params,
}: PageProps<'/orgs/[org]/apps/[app]/versions'>) {
  const { org, app } = await params;
  return <VersionsPage org={org} app={app} />;
}

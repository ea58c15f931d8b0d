import type { Metadata } from 'next';
import { OverviewPage } from '../../../../../../features/dashboards/components/overview-page';

export const metadata: Metadata = { title: 'Overview' };

export default async function AppOverviewPage({
  params,
}: PageProps<'/orgs/[org]/apps/[app]/overview'>) {
  const { org, app } = await params;
  return <OverviewPage org={org} app={app} />;
}

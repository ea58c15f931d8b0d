import type { Metadata } from 'next';
import { AlertsPage } from '../../../../../../features/alerts/components/alerts-page';

export const metadata: Metadata = { title: 'Alerts' };

export default async function AppAlertsPage({
  params,
}: PageProps<'/orgs/[org]/apps/[app]/alerts'>) {
  const { org, app } = await params;
  return <AlertsPage org={org} app={app} />;
}

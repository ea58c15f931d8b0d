import type { Metadata } from 'next';
import { SchedulesPage } from '../../../../../../features/schedules/components/schedules-page';

export const metadata: Metadata = { title: 'Schedules' };

export default async function AppSchedulesPage({
  params,
}: PageProps<'/orgs/[org]/apps/[app]/schedules'>) {
  const { org, app } = await params;
  return <SchedulesPage org={org} app={app} />;
}

import type { Metadata } from 'next';
import { QueuesPage } from '../../../../../../features/queues/components/queues-page';

export const metadata: Metadata = { title: 'Queues' };

export default async function AppQueuesPage({
  params,
}: PageProps<'/orgs/[org]/apps/[app]/queues'>) {
  const { org, app } = await params;
  return <QueuesPage org={org} app={app} />;
}

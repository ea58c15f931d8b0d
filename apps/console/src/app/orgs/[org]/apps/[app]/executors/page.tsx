import type { Metadata } from 'next';
import { ExecutorsPage } from '../../../../../../features/fleet/components/executors-page';

export const metadata: Metadata = { title: 'Executors' };

export default async function AppExecutorsPage({
  params,
}: PageProps<'/orgs/[org]/apps/[app]/executors'>) {
  const { org, app } = await params;
  return <ExecutorsPage org={org} app={app} />;
}

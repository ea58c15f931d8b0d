import type { Metadata } from 'next';
import { WorkflowsPage } from '../../../../../../features/workflows/components/workflows-page';

export const metadata: Metadata = { title: 'Workflows' };

export default async function AppWorkflowsPage({
  params,
}: PageProps<'/orgs/[org]/apps/[app]/workflows'>) {
  const { org, app } = await params;
  return <WorkflowsPage org={org} app={app} />;
}

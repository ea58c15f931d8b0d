import type { Metadata } from 'next';
import { WorkflowDetail } from '../../../../../../../features/workflows/components/workflow-detail';

export const metadata: Metadata = { title: 'Workflow' };

export default async function WorkflowPage({
  params,
}: PageProps<'/orgs/[org]/apps/[app]/workflows/[workflowId]'>) {
  const { org, app, workflowId } = await params;
  return <WorkflowDetail org={org} app={app} workflowId={decodeURIComponent(workflowId)} />;
}

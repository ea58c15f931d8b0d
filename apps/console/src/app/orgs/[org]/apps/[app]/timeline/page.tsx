import type { Metadata } from 'next';
import { TimelineView } from '../../../../../../features/timeline/components/timeline-view';

export const metadata: Metadata = { title: 'Timeline' };

export default async function AppTimelinePage({
  params,
}: PageProps<'/orgs/[org]/apps/[app]/timeline'>) {
  const { org, app } = await params;
  return <TimelineView org={org} app={app} />;
}

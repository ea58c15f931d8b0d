import type { Metadata } from 'next';
import { TimelineView } from '../../../../../features/timeline/components/timeline-view';

export const metadata: Metadata = { title: 'Timeline' };

export default async function OrgTimelinePage({ params }: PageProps<'/orgs/[org]/timeline'>) {
  const { org } = await params;
  return <TimelineView org={org} app={null} />;
}

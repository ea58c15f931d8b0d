import type { Metadata } from 'next';
import { FleetPage } from '../../../../../features/dashboards/components/fleet-page';

export const metadata: Metadata = { title: 'Fleet' };

export default async function OrgFleetPage({ params }: PageProps<'/orgs/[org]/fleet'>) {
  const { org } = await params;
  return <FleetPage org={org} />;
}

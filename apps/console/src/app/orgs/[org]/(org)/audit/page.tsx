import type { Metadata } from 'next';
import { AuditLog } from '../../../../../features/audit/components/audit-log';

export const metadata: Metadata = { title: 'Audit log' };

export default async function OrgAuditPage({ params }: PageProps<'/orgs/[org]/audit'>) {
  const { org } = await params;
  return <AuditLog org={org} />;
}

import { Suspense } from 'react';
import { RequireSession } from '../../../components/layout/require-session';
import { OrgGate } from '../../../features/organizations/components/org-gate';

export default async function OrgLayout({ params, children }: LayoutProps<'/orgs/[org]'>) {
  const { org } = await params;
  return (
    <Suspense>
      <RequireSession>
        <OrgGate org={org}>{children}</OrgGate>
      </RequireSession>
    </Suspense>
  );
}

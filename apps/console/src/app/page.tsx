import type { Metadata } from 'next';
import { Suspense } from 'react';
import { RequireSession } from '../components/layout/require-session';
import { OrgList } from '../features/organizations/components/org-list';

export const metadata: Metadata = { title: 'Organizations' };

export default function HomePage() {
  return (
    <Suspense>
      <RequireSession>
        <OrgList />
      </RequireSession>
    </Suspense>
  );
}

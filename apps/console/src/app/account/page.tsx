import type { Metadata } from 'next';
import { Suspense } from 'react';
import { RequireSession } from '../../components/layout/require-session';
import { AccountPage } from '../../features/account/components/account-page';

export const metadata: Metadata = { title: 'Your account' };

export default function Page() {
  return (
    <Suspense>
      <RequireSession>
        <AccountPage />
      </RequireSession>
    </Suspense>
  );
}

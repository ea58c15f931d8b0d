import type { Metadata } from 'next';
import { Suspense } from 'react';
import { RequireSession } from '../../components/layout/require-session';
import { JoinForm } from '../../features/members/components/join-form';

export const metadata: Metadata = { title: 'Join an organization' };

export default function JoinPage() {
  return (
    <Suspense>
      <RequireSession>
        <JoinForm />
      </RequireSession>
    </Suspense>
  );
}

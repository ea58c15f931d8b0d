import type { Metadata } from 'next';
import { Suspense } from 'react';
import { SignUpForm } from '../../features/session/components/sign-up-form';

export const metadata: Metadata = { title: 'Sign up' };

export default function SignUpPage() {
  return (
    <Suspense>
      <SignUpForm />
    </Suspense>
  );
}

'use client';

import { useSignIn } from '../mutations';
import { signUpPath } from '../next-path';
import { CredentialsForm } from './credentials-form';

export function SignInForm() {
  const signIn = useSignIn();
  return (
    <CredentialsForm
      action="Sign in"
      heading="Sign in"
      pendingLabel="Signing in…"
      mutation={signIn}
      toBody={(credentials) => credentials}
      passwordAutoComplete="current-password"
      errorTestId="sign-in-error"
      other={{ question: 'No account yet?', action: 'Sign up', path: signUpPath }}
    />
  );
}

'use client';

import { MIN_PASSWORD_LENGTH } from '@podium/protocol';
import { useState } from 'react';
import { TextField } from '../../../components/ui/text-field';
import { useSignUp } from '../mutations';
import { signInPath } from '../next-path';
import { CredentialsForm } from './credentials-form';

/** Creates the account and signs in with it in one go. */
export function SignUpForm() {
  const [displayName, setDisplayName] = useState('');
  const signUp = useSignUp();
  return (
    <CredentialsForm
      action="Sign up"
      heading="Create your account"
      pendingLabel="Creating account…"
      mutation={signUp}
      toBody={(credentials) => ({ displayName, ...credentials })}
      passwordAutoComplete="new-password"
      passwordHint={`At least ${MIN_PASSWORD_LENGTH} characters.`}
      fieldLabels={{ displayName: 'Name', email: 'Email', password: 'Password' }}
      errorTestId="sign-up-error"
      other={{ question: 'Already have an account?', action: 'Sign in', path: signInPath }}
    >
      <TextField
        label="Name"
        name="displayName"
        autoComplete="name"
        value={displayName}
        onChange={(event) => setDisplayName(event.target.value)}
        required
        autoFocus
      />
    </CredentialsForm>
  );
}

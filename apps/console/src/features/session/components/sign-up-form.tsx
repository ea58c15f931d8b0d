'use client';

import { MIN_PASSWORD_LENGTH } from '@podium/protocol/rest';
import { useState } from 'react';
import { TextField } from '../../../components/ui/text-field';
import { useSignUp } from '../mutations';
import { signInPath } from '../next-path';
import { signUpBody } from '../sign-up-body';
import { CredentialsForm } from './credentials-form';

/** Creates the account and signs in with it in one go. */
export function SignUpForm() {
  const [displayName, setDisplayName] = useState('');
  const [invitation, setInvitation] = useState('');
  const signUp = useSignUp();
  return (
    <CredentialsForm
      action="Sign up"
      heading="Create your account"
      pendingLabel="Creating account…"
      mutation={signUp}
      toBody={(credentials) => signUpBody({ displayName, invitation, ...credentials })}
      passwordAutoComplete="new-password"
      passwordHint={`At least ${MIN_PASSWORD_LENGTH} characters.`}
      fieldLabels={{
        displayName: 'Name',
        email: 'Email',
        password: 'Password',
        joinSecret: 'Invitation',
      }}
      errorTestId="sign-up-error"
      other={{ question: 'Already have an account?', action: 'Sign in', path: signInPath }}
      trailingFields={
        <TextField
          label="Invitation (optional)"
          name="joinSecret"
          autoComplete="off"
          value={invitation}
          onChange={(event) => setInvitation(event.target.value)}
          hint="A join secret from an organization's members page: you join it as you sign up. Needed where sign-up is by invitation."
        />
      }
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

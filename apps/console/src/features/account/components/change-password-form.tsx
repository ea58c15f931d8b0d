'use client';

import { MIN_PASSWORD_LENGTH } from '@podium/protocol/rest';
import { useState, type FormEvent } from 'react';
import { ProblemAlert } from '../../../components/ui/problem-alert';
import { SubmitButton } from '../../../components/ui/submit-button';
import { TextField } from '../../../components/ui/text-field';
import { useChangePassword } from '../mutations';

/** A new password, given the current one; the user's other sessions end with the old one. */
export function ChangePasswordForm({ email }: { email: string | undefined }) {
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const change = useChangePassword();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    change.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: () => {
          setCurrentPassword('');
          setNewPassword('');
        },
      },
    );
  };

  return (
    <form className="form" onSubmit={submit} aria-label="Change password">
      {/* Lets password managers tie the new password to the account. */}
      <input type="hidden" name="username" autoComplete="username" value={email ?? ''} />
      <div className="form-row">
        <TextField
          label="Current password"
          type="password"
          name="current-password"
          autoComplete="current-password"
          value={currentPassword}
          onChange={(event) => setCurrentPassword(event.target.value)}
          hint="The one you sign in with now."
          required
        />
        <TextField
          label="New password"
          type="password"
          name="new-password"
          autoComplete="new-password"
          value={newPassword}
          onChange={(event) => setNewPassword(event.target.value)}
          hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}
          minLength={MIN_PASSWORD_LENGTH}
          required
        />
      </div>
      <ProblemAlert
        error={change.error}
        fieldLabels={{ currentPassword: 'Current password', newPassword: 'New password' }}
      />
      {change.isSuccess && (
        <p role="status" className="reason reason-ok">
          Password changed. Your other sessions are signed out.
        </p>
      )}
      <div className="form-actions">
        <SubmitButton pending={change.isPending} pendingLabel="Changing…">
          Change password
        </SubmitButton>
      </div>
    </form>
  );
}

'use client';

import { Link } from '../../../components/ui/link';
import { useSearchParams } from 'next/navigation';
import { useState, type FormEvent, type ReactNode } from 'react';
import { ProblemAlert } from '../../../components/ui/problem-alert';
import { SubmitButton } from '../../../components/ui/submit-button';
import { TextField } from '../../../components/ui/text-field';
import { hardNavigate } from '../../../lib/hard-navigate';
import { safeNextPath } from '../next-path';

export interface Credentials {
  email: string;
  password: string;
}

/** The sign-in or sign-up request: a `useMutation` result fits. */
interface CredentialsMutation<Body> {
  mutate: (body: Body, options: { onSuccess: () => void }) => void;
  isPending: boolean;
  error: unknown;
}

interface CredentialsFormProps<Body> {
  /** Names the form and its button: "Sign in", "Sign up". */
  action: string;
  heading: string;
  /** The button's label while the request runs. */
  pendingLabel: string;
  mutation: CredentialsMutation<Body>;
  /** The request body from what was typed (sign-up adds the name). */
  toBody: (credentials: Credentials) => Body;
  passwordAutoComplete: 'current-password' | 'new-password';
  passwordHint?: string;
  /** Plain names for the fields a validation problem may point at. */
  fieldLabels?: Record<string, string>;
  errorTestId: string;
  /** The other form, reached with the same `next`: a question, then a link. */
  other: { question: string; action: string; path: (next: string) => string };
  /** Fields asked before the email (sign-up's name); without them, the email takes the focus. */
  children?: ReactNode;
  /** Fields asked after the password (sign-up's invitation). */
  trailingFields?: ReactNode;
}

/**
 * What signing in and signing up share: email and password, the problem, the button and the
 * way to the other form. On success the browser loads the page the visitor was headed for.
 */
export function CredentialsForm<Body>({
  action,
  heading,
  pendingLabel,
  mutation,
  toBody,
  passwordAutoComplete,
  passwordHint,
  fieldLabels,
  errorTestId,
  other,
  children,
  trailingFields,
}: CredentialsFormProps<Body>) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const next = safeNextPath(useSearchParams().get('next'));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    mutation.mutate(toBody({ email, password }), { onSuccess: () => hardNavigate(next) });
  };

  return (
    <form className="form auth-card" onSubmit={submit} aria-label={action}>
      <h1>{heading}</h1>
      {children}
      <TextField
        label="Email"
        type="email"
        name="email"
        autoComplete="username"
        value={email}
        onChange={(event) => setEmail(event.target.value)}
        required
        autoFocus={!children}
      />
      <TextField
        label="Password"
        type="password"
        name="password"
        autoComplete={passwordAutoComplete}
        value={password}
        onChange={(event) => setPassword(event.target.value)}
        hint={passwordHint}
        required
      />
      {trailingFields}
      <ProblemAlert error={mutation.error} fieldLabels={fieldLabels} testId={errorTestId} />
      <SubmitButton pending={mutation.isPending} pendingLabel={pendingLabel} className="btn-block">
        {action}
      </SubmitButton>
      <p className="muted">
        {other.question} <Link href={other.path(next)}>{other.action}</Link>
      </p>
    </form>
  );
}

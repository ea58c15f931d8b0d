'use client';

import { useRouter, useSearchParams } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { ProblemAlert } from '../../../components/ui/problem-alert';
import { SubmitButton } from '../../../components/ui/submit-button';
import { TextField } from '../../../components/ui/text-field';
import { useJoinOrganization } from '../mutations';

/** Redeems a join link (its secret arrives in the URL) for the signed-in user. */
export function JoinForm() {
  const [secret, setSecret] = useState(useSearchParams().get('secret') ?? '');
  const join = useJoinOrganization();
  const router = useRouter();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    join.mutate(secret.trim(), { onSuccess: (org) => router.push(`/orgs/${org.name}`) });
  };
  return (
    <form className="form auth-card" onSubmit={submit} aria-label="Join organization">
      <h1>Join an organization</h1>
      <p className="muted">You were sent a join link. Joining gives you the role it names.</p>
      <TextField
        label="Join secret"
        value={secret}
        onChange={(event) => setSecret(event.target.value)}
        required
        autoComplete="off"
      />
      <ProblemAlert error={join.error} />
      <SubmitButton pending={join.isPending} pendingLabel="Joining…" className="btn-block">
        Join organization
      </SubmitButton>
    </form>
  );
}

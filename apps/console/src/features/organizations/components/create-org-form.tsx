'use client';

import { ORGANIZATION_NAME_PATTERN, ORGANIZATION_NAME_RULE } from '@podium/protocol/rest';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { htmlPattern } from '../../../lib/html-pattern';
import { ProblemAlert } from '../../../components/ui/problem-alert';
import { SubmitButton } from '../../../components/ui/submit-button';
import { TextField } from '../../../components/ui/text-field';
import { useCreateOrganization } from '../mutations';

/** Creates an organization (the user becomes its owner) and opens it. */
export function CreateOrgForm() {
  const [name, setName] = useState('');
  const [displayName, setDisplayName] = useState('');
  const create = useCreateOrganization();
  const router = useRouter();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      { name: name.trim(), displayName: displayName.trim() || undefined },
      { onSuccess: (org) => router.push(`/orgs/${org.name}`) },
    );
  };

  return (
    <form className="form form-inline-grid" onSubmit={submit} aria-label="Create organization">
      <TextField
        label="Name"
        name="name"
        value={name}
        onChange={(event) => setName(event.target.value)}
        required
        pattern={htmlPattern(ORGANIZATION_NAME_PATTERN)}
        placeholder="acme"
        hint={`Used in URLs: ${ORGANIZATION_NAME_RULE}.`}
        autoComplete="off"
      />
      <TextField
        label="Display name"
        name="displayName"
        value={displayName}
        onChange={(event) => setDisplayName(event.target.value)}
        placeholder="Acme Inc."
        hint="Optional; defaults to the name."
        autoComplete="organization"
      />
      <div className="form-actions">
        <SubmitButton pending={create.isPending} pendingLabel="Creating…">
          Create organization
        </SubmitButton>
      </div>
      <ProblemAlert
        error={create.error}
        fieldLabels={{ name: 'Name', displayName: 'Display name' }}
      />
    </form>
  );
}

'use client';

import {
  type Application,
  type CreateApiKeyResponse,
  type Permission,
} from '@podium/protocol/rest';
import { useState, type FormEvent } from 'react';
import { ProblemAlert } from '../../../components/ui/problem-alert';
import { SubmitButton } from '../../../components/ui/submit-button';
import { SelectField } from '../../../components/ui/select-field';
import { TextField } from '../../../components/ui/text-field';
import { EXPIRY_CHOICES, expiresAtFor } from '../key-status';
import { PermissionChecklist } from '../../../components/ui/permission-checklist';
import { toggled } from '../../../lib/toggled';
import { useCreateApiKey } from '../mutations';

interface CreateKeyFormProps {
  org: string;
  /** Undefined while loading. */
  applications: Application[] | undefined;
  onCreated: (key: CreateApiKeyResponse) => void;
}

export function CreateKeyForm({ org, applications, onCreated }: CreateKeyFormProps) {
  const [name, setName] = useState('');
  const [permissions, setPermissions] = useState<Permission[]>(['websocket.connect']);
  const [scope, setScope] = useState<string[]>([]);
  const [expiry, setExpiry] = useState(0);
  const create = useCreateApiKey(org);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      {
        name: name.trim(),
        permissions,
        applications: scope,
        expiresAt: expiresAtFor(EXPIRY_CHOICES[expiry]?.days ?? null),
      },
      {
        onSuccess: (key) => {
          setName('');
          onCreated(key);
        },
      },
    );
  };

  return (
    <form className="form" onSubmit={submit} aria-label="Create API key">
      <div className="form-row">
        <TextField
          label="Key name"
          name="name"
          value={name}
          onChange={(event) => setName(event.target.value)}
          required
          maxLength={100}
          placeholder="production executors"
          autoComplete="off"
        />
        <SelectField
          label="Expires"
          value={expiry}
          onChange={(event) => setExpiry(Number(event.target.value))}
        >
          {EXPIRY_CHOICES.map((choice, index) => (
            <option key={choice.label} value={index}>
              {choice.label}
            </option>
          ))}
        </SelectField>
      </div>
      <PermissionChecklist selected={permissions} onChange={setPermissions} />
      <fieldset className="checkbox-group">
        <legend>Applications</legend>
        <p className="hint">None ticked: every application of the organization, now and later.</p>
        {applications?.length === 0 && <p className="muted">No applications yet.</p>}
        {applications?.map((app) => (
          <label key={app.id} className="checkbox">
            <input
              type="checkbox"
              checked={scope.includes(app.name)}
              onChange={() => setScope((list) => toggled(list, app.name))}
            />
            <span className="mono">{app.name}</span>
          </label>
        ))}
      </fieldset>
      <ProblemAlert error={create.error} fieldLabels={{ name: 'Key name' }} />
      <div className="form-actions">
        <SubmitButton pending={create.isPending} pendingLabel="Creating…">
          Create API key
        </SubmitButton>
      </div>
    </form>
  );
}

'use client';

import {
  APPLICATION_NAME_PATTERN,
  APPLICATION_NAME_RULE,
  DEFAULT_EXECUTOR_TIMEOUT_SECS,
} from '@podium/protocol/rest';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { htmlPattern } from '../../../lib/html-pattern';
import { ProblemAlert } from '../../../components/ui/problem-alert';
import { SubmitButton } from '../../../components/ui/submit-button';
import { TextField } from '../../../components/ui/text-field';
import { useCreateApplication } from '../mutations';
import { DescriptionField } from './description-field';
import { ExecutorTimeoutField } from './executor-timeout-field';

const FIELD_LABELS = {
  name: 'Name',
  description: 'Description',
  executorTimeoutSecs: 'Executor timeout',
};

/** Registers an application by the name its executors connect with, then opens it. */
export function CreateAppForm({ org }: { org: string }) {
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [executorTimeout, setExecutorTimeout] = useState(String(DEFAULT_EXECUTOR_TIMEOUT_SECS));
  const create = useCreateApplication(org);
  const router = useRouter();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      {
        name: name.trim(),
        description: description.trim(),
        executorTimeoutSecs: Number(executorTimeout),
        privateMode: false,
      },
      { onSuccess: (app) => router.push(`/orgs/${org}/apps/${app.name}/workflows`) },
    );
  };

  return (
    <form className="form form-inline-grid" onSubmit={submit} aria-label="Create application">
      <TextField
        label="Application name"
        name="name"
        value={name}
        onChange={(event) => setName(event.target.value)}
        required
        pattern={htmlPattern(APPLICATION_NAME_PATTERN)}
        placeholder="checkout"
        autoComplete="off"
        hint={`Exactly the name your executors use (DBOS appName / APP_NAME): ${APPLICATION_NAME_RULE}.`}
      />
      <DescriptionField value={description} onChange={setDescription} hint="Optional." />
      <ExecutorTimeoutField value={executorTimeout} onChange={setExecutorTimeout} />
      <div className="form-actions">
        <SubmitButton pending={create.isPending} pendingLabel="Creating…">
          Create application
        </SubmitButton>
      </div>
      <ProblemAlert error={create.error} fieldLabels={FIELD_LABELS} />
    </form>
  );
}

'use client';

import type { Application } from '@podium/protocol/rest';
import { useState, type FormEvent } from 'react';
import { Panel } from '../../../components/ui/panel';
import { ProblemAlert } from '../../../components/ui/problem-alert';
import { SubmitButton } from '../../../components/ui/submit-button';
import { TextField } from '../../../components/ui/text-field';
import type { useUpdateApplication } from '../mutations';
import { draftOf, patchOf, type SettingsDraft } from '../retention-settings';
import { DescriptionField } from './description-field';
import { ExecutorTimeoutField } from './executor-timeout-field';
import { RetentionPushStatus } from './retention-push-status';

/** Plain names for the fields' API names (server and client validation messages). */
const FIELD_LABELS: Record<string, string> = {
  description: 'Description',
  executorTimeoutSecs: 'Executor timeout',
  gcTimeThresholdMs: 'Keep completed workflows for',
  gcRowsThreshold: 'Keep at most',
  globalTimeoutMs: 'Global timeout',
  privateMode: 'Private mode',
};

interface AppSettingsFormProps {
  application: Application;
  /** Held by the parent: a save re-seeds this form, and "Saved." must survive that. */
  update: ReturnType<typeof useUpdateApplication>;
}

/** DBOS's application settings: executor timeout, retention, global timeout, private mode. */
export function AppSettingsForm({ application, update }: AppSettingsFormProps) {
  const [draft, setDraft] = useState<SettingsDraft>(() => draftOf(application));
  const [problems, setProblems] = useState<Record<string, string>>({});
  const set = (field: keyof SettingsDraft) => (value: string | boolean) =>
    setDraft((current) => ({ ...current, [field]: value }));
  /** The props of a threshold's number box (empty = off). */
  const threshold = (field: keyof SettingsDraft, kind: 'hours' | 'count') => ({
    name: field,
    type: 'number',
    inputMode: kind === 'hours' ? ('decimal' as const) : ('numeric' as const),
    step: kind === 'hours' ? 'any' : 1,
    value: String(draft[field]),
    onChange: (event: { target: { value: string } }) => set(field)(event.target.value),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const result = patchOf(draft);
    setProblems(result.ok ? {} : result.problems);
    if (result.ok) update.mutate(result.body);
  };

  return (
    <Panel title="Settings">
      <form
        className="form form-narrow"
        onSubmit={submit}
        aria-label="Application settings"
        noValidate
      >
        <TextField
          label="Name"
          value={application.name}
          readOnly
          hint="Names cannot change: executors connect with it."
        />
        <DescriptionField value={draft.description} onChange={set('description')} />
        <ExecutorTimeoutField
          value={draft.executorTimeoutSecs}
          onChange={set('executorTimeoutSecs')}
        />
        <h3>Retention</h3>
        <p className="hint">
          Sent to a connected executor after each change and periodically; the executor deletes
          completed workflows from its system database. Leave a box empty to turn it off.
        </p>
        <TextField
          label="Keep completed workflows for (hours)"
          {...threshold('gcTimeThresholdHours', 'hours')}
          hint="Completed workflows older than this are deleted."
        />
        <TextField
          label="Keep at most (workflows)"
          {...threshold('gcRowsThreshold', 'count')}
          hint="Only this many of the newest workflows are kept; older completed ones are deleted."
        />
        <TextField
          label="Global timeout (hours)"
          {...threshold('globalTimeoutHours', 'hours')}
          hint="Workflows still pending, enqueued or delayed this long after creation are cancelled."
        />
        <RetentionPushStatus push={application.lastRetentionPush} />
        <label className="checkbox">
          <input
            type="checkbox"
            name="privateMode"
            checked={draft.privateMode}
            onChange={(event) => set('privateMode')(event.target.checked)}
          />
          Private mode: workflow inputs, outputs and events stay with the executors
        </label>
        <FieldProblems problems={problems} />
        <ProblemAlert error={update.error} fieldLabels={FIELD_LABELS} />
        {update.isSuccess && Object.keys(problems).length === 0 && (
          <p className="notice" role="status">
            Saved.
          </p>
        )}
        <div className="form-actions">
          <SubmitButton pending={update.isPending} pendingLabel="Saving…">
            Save settings
          </SubmitButton>
        </div>
      </form>
    </Panel>
  );
}

/** What the form refused before sending, one line per field. */
function FieldProblems({ problems }: { problems: Record<string, string> }) {
  const entries = Object.entries(problems);
  if (entries.length === 0) return null;
  return (
    <div className="alert alert-error" role="alert" data-testid="settings-problems">
      <p>Check these settings:</p>
      <ul>
        {entries.map(([field, message]) => (
          <li key={field}>
            <strong>{FIELD_LABELS[field] ?? field}</strong> {message}
          </li>
        ))}
      </ul>
    </div>
  );
}

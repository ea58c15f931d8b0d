'use client';

import {
  ALERT_WEBHOOK_FORMATS,
  type AlertWebhook,
  type AlertWebhookFormat,
  type CreateAlertWebhookResponse,
} from '@podium/protocol/rest';
import { useState, type FormEvent } from 'react';
import { ConfirmButton } from '../../../components/ui/confirm-button';
import { CopyButton } from '../../../components/ui/copy-button';
import { DataTable } from '../../../components/ui/data-table';
import { ProblemAlert } from '../../../components/ui/problem-alert';
import { SelectField } from '../../../components/ui/select-field';
import { SubmitButton } from '../../../components/ui/submit-button';
import { TextField } from '../../../components/ui/text-field';
import { Timestamp } from '../../../components/ui/timestamp';
import { useCreateAlertWebhook, useDeleteAlertWebhook } from '../mutations';

interface WebhooksProps {
  org: string;
  app: string;
  webhooks: readonly AlertWebhook[];
}

/** The app's webhooks: add one (its signing secret shown once), list, remove. */
export function WebhooksPanel({ org, app, webhooks }: WebhooksProps) {
  const [url, setUrl] = useState('');
  const [format, setFormat] = useState<AlertWebhookFormat>('json');
  const [created, setCreated] = useState<CreateAlertWebhookResponse | null>(null);
  const create = useCreateAlertWebhook(org, app);
  const remove = useDeleteAlertWebhook(org, app);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      { url: url.trim(), format },
      {
        onSuccess: (hook) => {
          setUrl('');
          setCreated(hook);
        },
      },
    );
  };

  return (
    <>
      {created && (
        <section className="secret-panel" aria-label="New webhook secret" data-testid="new-webhook">
          <h3>Webhook added</h3>
          <p className="warning-text">
            Copy its signing secret now: it is shown only once. Each POST carries
            <code> Podium-Signature: t=…,v1=…</code>, the HMAC-SHA256 of “t.body” with it.
          </p>
          <div className="copy-row">
            <code className="secret" data-testid="webhook-secret">
              {created.secret}
            </code>
            <CopyButton text={created.secret} label="Copy signing secret" />
          </div>
          <button type="button" className="btn" onClick={() => setCreated(null)}>
            Done
          </button>
        </section>
      )}
      <form className="form" onSubmit={submit} aria-label="Add webhook">
        <div className="form-row">
          <TextField
            label="Webhook URL"
            name="url"
            type="url"
            value={url}
            onChange={(event) => setUrl(event.target.value)}
            required
            placeholder="https://example.com/podium-alerts"
            autoComplete="off"
          />
          <SelectField
            label="Body"
            value={format}
            onChange={(event) => setFormat(event.target.value as AlertWebhookFormat)}
          >
            {ALERT_WEBHOOK_FORMATS.map((f) => (
              <option key={f} value={f}>
                {f === 'json' ? 'Podium JSON' : 'Slack ({"text": …})'}
              </option>
            ))}
          </SelectField>
        </div>
        <ProblemAlert error={create.error} fieldLabels={{ url: 'Webhook URL' }} />
        <div className="form-actions">
          <SubmitButton pending={create.isPending} pendingLabel="Adding…">
            Add webhook
          </SubmitButton>
        </div>
      </form>
      {webhooks.length > 0 && (
        <DataTable
          columns={['URL', 'Body', 'Secret', 'Added']}
          actionsColumn="Actions"
          testId="alert-webhook-table"
        >
          {webhooks.map((hook) => (
            <tr key={hook.id}>
              <td className="mono small">{hook.url}</td>
              <td>{hook.format}</td>
              <td className="mono">{hook.secretPrefix}…</td>
              <td>
                <Timestamp value={hook.createdAt} />
              </td>
              <td className="row-actions">
                <ConfirmButton
                  label="Remove"
                  ariaLabel={`Remove the webhook to ${hook.url} (secret ${hook.secretPrefix}…)`}
                  title="Remove this webhook?"
                  confirmLabel="Remove webhook"
                  tone="danger"
                  action={remove}
                  onConfirm={(close) => remove.mutate(hook.id, { onSuccess: close })}
                >
                  <p>Alerts stop being sent to {hook.url}.</p>
                </ConfirmButton>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </>
  );
}

'use client';

import type { Application, CreateApiKeyResponse } from '@podium/protocol/rest';
import { useState } from 'react';
import { CopyButton } from '../../../components/ui/copy-button';
import { SelectField } from '../../../components/ui/select-field';
import { executorEnvHint, executorUrl } from '../key-status';

interface NewKeySecretProps {
  apiKey: CreateApiKeyResponse;
  applications: Application[];
  conductorUrl: string;
  onDone: () => void;
}

/** The secret, shown this once, and how to start an executor with it. */
export function NewKeySecret({ apiKey, applications, conductorUrl, onDone }: NewKeySecretProps) {
  const candidates =
    apiKey.applications.length > 0 ? apiKey.applications : applications.map((a) => a.name);
  const [app, setApp] = useState(candidates[0] ?? '<app>');
  const hint = executorEnvHint(apiKey.token, conductorUrl, app);

  return (
    <section className="secret-panel" aria-label="New API key" data-testid="new-key">
      <h2>API key “{apiKey.tokenName}” created</h2>
      <p className="warning-text">
        Copy the key now: it is shown only once. Podium keeps only its hash.
      </p>
      <div className="copy-row">
        <code className="secret" data-testid="api-key-secret">
          {apiKey.token}
        </code>
        <CopyButton text={apiKey.token} label="Copy API key" />
      </div>
      {apiKey.permissions.includes('websocket.connect') && (
        <>
          <h3>Start an executor with it</h3>
          {candidates.length > 1 && (
            <SelectField label="Application" value={app} onChange={(e) => setApp(e.target.value)}>
              {candidates.map((name) => (
                <option key={name}>{name}</option>
              ))}
            </SelectField>
          )}
          <div className="copy-row">
            <code className="command" data-testid="executor-env-hint">
              {hint} node dist/main.js
            </code>
            <CopyButton text={hint} label="Copy environment" />
          </div>
          <p className="hint">
            The executor connects to{' '}
            <code className="mono">{executorUrl('<key>', conductorUrl, app)}</code>; DBOS apps take
            the same values as <code>conductorKey</code> and <code>conductorURL</code>, with their{' '}
            <code>appName</code> set to the application’s name.
          </p>
        </>
      )}
      <div className="form-actions">
        <button type="button" className="btn" onClick={onDone}>
          I have copied it
        </button>
      </div>
    </section>
  );
}

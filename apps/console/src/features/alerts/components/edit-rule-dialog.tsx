'use client';

import type { AlertingRule } from '@podium/protocol/rest';
import { useState, type FormEvent } from 'react';
import { Dialog } from '../../../components/ui/dialog';
import { ProblemAlert } from '../../../components/ui/problem-alert';
import { SubmitButton } from '../../../components/ui/submit-button';
import { TextField } from '../../../components/ui/text-field';
import { useUpdateAlertRule } from '../mutations';

interface EditRuleDialogProps {
  org: string;
  app: string;
  rule: AlertingRule;
  onClose: () => void;
}

/** Changes a rule's parameters and minimum interval; its type stays. */
export function EditRuleDialog({ org, app, rule, onClose }: EditRuleDialogProps) {
  const [parameters, setParameters] = useState(JSON.stringify(rule.ruleMetadata));
  const [interval, setInterval] = useState(rule.minIntervalSecs?.toString() ?? '');
  const [unreadable, setUnreadable] = useState(false);
  const update = useUpdateAlertRule(org, app);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    let ruleMetadata: Record<string, unknown>;
    try {
      ruleMetadata = JSON.parse(parameters || '{}') as Record<string, unknown>;
    } catch {
      setUnreadable(true);
      return;
    }
    setUnreadable(false);
    const minIntervalSecs = interval.trim() ? Number(interval) : null;
    update.mutate(
      { id: rule.id, changes: { ruleMetadata, minIntervalSecs } },
      { onSuccess: onClose },
    );
  };

  return (
    <Dialog open title={`Edit the ${rule.ruleType} rule`} onClose={onClose}>
      <form className="form" onSubmit={submit} aria-label="Edit alerting rule">
        <TextField
          label="Parameters (JSON)"
          className="mono"
          value={parameters}
          onChange={(event) => setParameters(event.target.value)}
          autoComplete="off"
          spellCheck={false}
        />
        <TextField
          label="Minimum interval (seconds)"
          type="number"
          min={0}
          value={interval}
          onChange={(event) => setInterval(event.target.value)}
          placeholder="none"
        />
        {unreadable && (
          <p className="warning-text" role="alert">
            The parameters are not JSON.
          </p>
        )}
        <ProblemAlert error={update.error} />
        <footer className="dialog-footer">
          <button type="button" className="btn" onClick={onClose}>
            Back
          </button>
          <SubmitButton pending={update.isPending}>Save rule</SubmitButton>
        </footer>
      </form>
    </Dialog>
  );
}

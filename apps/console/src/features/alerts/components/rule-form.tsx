'use client';

import { ALERT_RULE_TYPES, type AlertRuleType, type Application } from '@podium/protocol/rest';
import { useState, type FormEvent } from 'react';
import { ProblemAlert } from '../../../components/ui/problem-alert';
import { SelectField } from '../../../components/ui/select-field';
import { SubmitButton } from '../../../components/ui/submit-button';
import { TextField } from '../../../components/ui/text-field';
import { useCreateAlertRule } from '../mutations';
import { RULE_TYPES } from '../rule-text';

interface RuleFormProps {
  org: string;
  app: string;
  /** The organization's applications, for the receiver (undefined while loading). */
  applications: Application[] | undefined;
}

/** A new rule: its type, parameters (JSON, checked by the server), receiver and interval. */
export function RuleForm({ org, app, applications }: RuleFormProps) {
  const [ruleType, setRuleType] = useState<AlertRuleType>('WorkflowFailure');
  const [parameters, setParameters] = useState(RULE_TYPES.WorkflowFailure.example);
  const [receiver, setReceiver] = useState(app);
  const [interval, setInterval] = useState('');
  const [unreadable, setUnreadable] = useState(false);
  const create = useCreateAlertRule(org, app);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    let ruleMetadata: unknown;
    try {
      ruleMetadata = JSON.parse(parameters || '{}');
    } catch {
      setUnreadable(true);
      return;
    }
    setUnreadable(false);
    create.mutate({
      ruleType,
      ruleMetadata,
      receivingAppName: receiver,
      ...(interval.trim() && { minIntervalSecs: Number(interval) }),
    });
  };

  return (
    <form className="form" onSubmit={submit} aria-label="Create alerting rule">
      <div className="form-row">
        <SelectField
          label="Rule type"
          value={ruleType}
          hint={RULE_TYPES[ruleType].help}
          onChange={(event) => {
            const type = event.target.value as AlertRuleType;
            setRuleType(type);
            setParameters(RULE_TYPES[type].example);
          }}
        >
          {ALERT_RULE_TYPES.map((type) => (
            <option key={type} value={type}>
              {type}
            </option>
          ))}
        </SelectField>
        <TextField
          label="Parameters (JSON)"
          name="ruleMetadata"
          className="mono"
          value={parameters}
          onChange={(event) => setParameters(event.target.value)}
          autoComplete="off"
          spellCheck={false}
        />
      </div>
      <div className="form-row">
        <SelectField
          label="Receiving application"
          hint="Its executors get the alert message."
          value={receiver}
          onChange={(event) => setReceiver(event.target.value)}
        >
          {(applications?.map((a) => a.name) ?? [app]).map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </SelectField>
        <TextField
          label="Minimum interval (seconds)"
          name="minIntervalSecs"
          type="number"
          min={0}
          value={interval}
          onChange={(event) => setInterval(event.target.value)}
          placeholder="none"
        />
      </div>
      {unreadable && (
        <p className="warning-text" role="alert">
          The parameters are not JSON.
        </p>
      )}
      <ProblemAlert error={create.error} />
      <div className="form-actions">
        <SubmitButton pending={create.isPending} pendingLabel="Creating…">
          Create rule
        </SubmitButton>
      </div>
    </form>
  );
}

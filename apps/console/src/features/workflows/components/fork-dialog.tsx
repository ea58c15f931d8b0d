'use client';

import type { ForkWorkflowResponse, WorkflowStep } from '@podium/protocol/rest';
import { useQuery } from '../../../lib/query';
import { useId, useState, type FormEvent } from 'react';
import { Dialog } from '../../../components/ui/dialog';
import { ProblemAlert } from '../../../components/ui/problem-alert';
import { SubmitButton } from '../../../components/ui/submit-button';
import { SelectField } from '../../../components/ui/select-field';
import { TextField } from '../../../components/ui/text-field';
import { fleetQueries } from '../../fleet/queries';
import { useForkWorkflow } from '../mutations';

interface ForkDialogProps {
  org: string;
  app: string;
  workflowId: string;
  steps: WorkflowStep[];
  onClose: () => void;
  onForked: (result: ForkWorkflowResponse) => void;
}

/** The step a fork starts from by default: the first that failed, else the first. */
export function defaultForkStep(steps: WorkflowStep[]): number {
  return (steps.find((s) => s.error !== null) ?? steps[0])?.stepId ?? 0;
}

/** Fork from a step: a new workflow that copies the steps before it and re-runs from it. */
export function ForkDialog({ org, app, workflowId, steps, onClose, onForked }: ForkDialogProps) {
  const [startStep, setStartStep] = useState(defaultForkStep(steps));
  const [newWorkflowId, setNewWorkflowId] = useState('');
  const [version, setVersion] = useState('');
  const versions = useQuery(fleetQueries.versions(org, app));
  const fork = useForkWorkflow(org, app);
  const versionsId = useId();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    fork.mutate(
      {
        id: workflowId,
        body: {
          startStep,
          newWorkflowId: newWorkflowId.trim() || undefined,
          appVersion: version.trim() || undefined,
        },
      },
      { onSuccess: onForked },
    );
  };

  return (
    <Dialog open title="Fork workflow" onClose={onClose} testId="fork-dialog">
      <form className="form" onSubmit={submit} aria-label="Fork workflow">
        <p className="muted">
          The fork copies the recorded steps before the chosen one and runs again from it, as a new
          workflow. The original stays as it is.
        </p>
        <SelectField
          label="Start from step"
          value={startStep}
          onChange={(event) => setStartStep(Number(event.target.value))}
        >
          {steps.length === 0 && <option value={0}>0 · the beginning</option>}
          {steps.map((step) => (
            <option key={step.stepId} value={step.stepId}>
              {step.stepId} · {step.stepName}
              {step.error ? ' (failed)' : ''}
            </option>
          ))}
        </SelectField>
        <TextField
          label="New workflow ID"
          value={newWorkflowId}
          onChange={(event) => setNewWorkflowId(event.target.value)}
          maxLength={256}
          hint="Optional; the executor picks a UUID when empty."
          autoComplete="off"
        />
        <TextField
          label="Application version"
          value={version}
          onChange={(event) => setVersion(event.target.value)}
          list={versionsId}
          maxLength={256}
          hint="Optional; run the fork on this version of the app (e.g. one with a fix)."
          autoComplete="off"
        />
        <datalist id={versionsId}>
          {versions.data?.items.map((v) => (
            <option key={v.versionName} value={v.versionName}>
              {v.latest ? 'latest' : ''}
            </option>
          ))}
        </datalist>
        <ProblemAlert error={fork.error} />
        <footer className="dialog-footer">
          <button type="button" className="btn" onClick={onClose}>
            Back
          </button>
          <SubmitButton pending={fork.isPending} pendingLabel="Forking…">
            Fork workflow
          </SubmitButton>
        </footer>
      </form>
    </Dialog>
  );
}

'use client';

import type { ImportWorkflowResponse } from '@podium/protocol/rest';
import { useQuery } from '../../../lib/query';
import { useQueries } from '../../../lib/query/use-queries';
import { useId, useState } from 'react';
import { Dialog } from '../../../components/ui/dialog';
import { ProblemAlert } from '../../../components/ui/problem-alert';
import { SelectField } from '../../../components/ui/select-field';
import { can, roleOf } from '../../../lib/roles';
import { appQueries } from '../../applications/queries';
import { sessionQueries } from '../../session/queries';
import { readExportFile } from '../export-file';
import { useImportWorkflow, type ImportTarget } from '../mutations';

export interface TargetGroup {
  org: string;
  apps: string[];
}

/** The applications the user may import into: those of organizations where they operate. */
export function useImportTargets(): TargetGroup[] {
  const me = useQuery(sessionQueries.me());
  const orgs = (me.data?.organizations ?? [])
    .filter((o) => can(roleOf(o.role, o.permissions), 'application.write'))
    .map((o) => o.name);
  const lists = useQueries(orgs.map((org) => appQueries.list(org)));
  return orgs
    .map((org, index) => ({
      org,
      apps: (lists[index]?.data?.items ?? []).map((application) => application.name),
    }))
    .filter((group) => group.apps.length > 0);
}

const keyOf = (target: ImportTarget) => JSON.stringify([target.org, target.app]);
const targetOf = (key: string): ImportTarget => {
  const [org = '', app = ''] = JSON.parse(key) as string[];
  return { org, app };
};

interface ImportDialogProps {
  /** Where the page is: the default target. */
  current: ImportTarget;
  targets: TargetGroup[];
  onClose: () => void;
  onImported: (target: ImportTarget, result: ImportWorkflowResponse) => void;
}

/** An export file and the application to import it into; its problem shown in place. */
export function ImportDialog({ current, targets, onClose, onImported }: ImportDialogProps) {
  const fileId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [target, setTarget] = useState(() => {
    const here = targets.some((g) => g.org === current.org && g.apps.includes(current.app));
    const first = targets[0];
    return keyOf(here || !first ? current : { org: first.org, app: first.apps[0] ?? '' });
  });
  const [readError, setReadError] = useState<unknown>(null);
  const importing = useImportWorkflow();

  const submit = async () => {
    if (!file) return;
    setReadError(null);
    importing.reset();
    let body;
    try {
      body = await readExportFile(file.name, await file.text());
    } catch (error) {
      setReadError(error);
      return;
    }
    const chosen = targetOf(target);
    importing.mutate(
      { target: chosen, body },
      { onSuccess: (result) => onImported(chosen, result) },
    );
  };

  return (
    <Dialog open title="Import a workflow" onClose={onClose} testId="import-dialog">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <div className="dialog-content">
          <div className="form-field">
            <label htmlFor={fileId}>Export file</label>
            <input
              id={fileId}
              type="file"
              accept="application/json,.json"
              required
              onChange={(event) => setFile(event.target.files?.[0] ?? null)}
            />
          </div>
          <SelectField
            label="Into application"
            value={target}
            onChange={(event) => setTarget(event.target.value)}
          >
            {targets.map((group) => (
              <optgroup key={group.org} label={group.org}>
                {group.apps.map((app) => (
                  <option key={app} value={keyOf({ org: group.org, app })}>
                    {group.org} / {app}
                  </option>
                ))}
              </optgroup>
            ))}
          </SelectField>
        </div>
        <ProblemAlert error={readError ?? importing.error} testId="import-problem" />
        <footer className="dialog-footer">
          <button type="button" className="btn" onClick={onClose}>
            Back
          </button>
          <button type="submit" className="btn btn-primary" disabled={!file || importing.isPending}>
            {importing.isPending ? 'Importing…' : 'Import'}
          </button>
        </footer>
      </form>
    </Dialog>
  );
}

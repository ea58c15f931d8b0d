'use client';

import type { ImportWorkflowResponse } from '@podium/protocol/rest';
import { useMutation } from '../../../lib/query';
import { Link } from '../../../components/ui/link';
import { useState } from 'react';
import { Panel } from '../../../components/ui/panel';
import { ProblemAlert } from '../../../components/ui/problem-alert';
import { downloadText } from '../../../lib/download';
import { workflowHref } from '../../workflows/workflow-href';
import { exportWorkflow } from '../api';
import { exportFileName, exportFileText } from '../export-file';
import type { ImportTarget } from '../mutations';
import { ImportDialog, useImportTargets } from './import-dialog';

interface TransferPanelProps {
  org: string;
  app: string;
  workflowId: string;
}

/** Export this workflow to a file (anyone who may read it); import a file into an app. */
export function TransferPanel({ org, app, workflowId }: TransferPanelProps) {
  const [withChildren, setWithChildren] = useState(false);
  const [importing, setImporting] = useState(false);
  const [imported, setImported] = useState<{
    target: ImportTarget;
    result: ImportWorkflowResponse;
  } | null>(null);
  const targets = useImportTargets();
  const fileName = exportFileName(workflowId);
  const exporting = useMutation({
    mutationFn: () => exportWorkflow(org, app, workflowId, withChildren),
    onSuccess: (exported) => downloadText(exportFileText(exported), fileName, 'application/json'),
  });

  return (
    <Panel title="Export and import" testId="transfer-panel">
      <p className="muted">
        An export imports only into executors of the language that exported it; an application that
        already has the workflow refuses it.
      </p>
      <div className="transfer-actions">
        <label className="checkbox">
          <input
            type="checkbox"
            checked={withChildren}
            onChange={(event) => setWithChildren(event.target.checked)}
          />
          With its child workflows
        </label>
        <button
          type="button"
          className="btn btn-small"
          disabled={exporting.isPending}
          onClick={() => exporting.mutate()}
        >
          {exporting.isPending ? 'Exporting…' : 'Download export'}
        </button>
        {targets.length > 0 && (
          <button
            type="button"
            className="btn btn-small"
            onClick={() => {
              setImported(null);
              setImporting(true);
            }}
          >
            Import a workflow…
          </button>
        )}
      </div>
      {exporting.isSuccess && (
        <p className="reason reason-ok" role="status" data-testid="export-outcome">
          Downloaded <span className="mono">{fileName}</span>.
        </p>
      )}
      <ProblemAlert error={exporting.error} testId="export-problem" />
      {imported && <ImportOutcome {...imported} />}
      {importing && (
        <ImportDialog
          current={{ org, app }}
          targets={targets}
          onClose={() => setImporting(false)}
          onImported={(target, result) => {
            setImporting(false);
            setImported({ target, result });
          }}
        />
      )}
    </Panel>
  );
}

function ImportOutcome({
  target,
  result,
}: {
  target: ImportTarget;
  result: ImportWorkflowResponse;
}) {
  const where = `${target.org} / ${target.app}`;
  return (
    <p className="reason reason-ok" role="status" data-testid="import-outcome">
      Imported into {where}
      {result.workflowIds === null ? ' (the export does not say which workflows it holds).' : ': '}
      {result.workflowIds?.map((id, index) => (
        <span key={id}>
          {index > 0 && ', '}
          <Link className="mono" href={workflowHref(target.org, target.app, id)}>
            {id}
          </Link>
        </span>
      ))}
    </p>
  );
}

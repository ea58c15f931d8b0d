'use client';

import type { Workflow, WorkflowStep } from '@podium/protocol/rest';
import { Link } from '../../../components/ui/link';
import { Suspense, useState, type ReactNode } from 'react';
import { actionBlockedReason, rewindBlockedReason } from '../status';
import { LAST_KNOWN_BANNER_ID, NEEDS_LIVE_EXECUTOR } from '../last-known';
import { workflowHref } from '../workflow-href';
import { lazyComponent } from '../../../lib/lazy-component';
import type { ConfirmedAction } from './action-confirmation';

// Loaded on the first click: most visits to a workflow act on nothing.
const ActionConfirmation = lazyComponent(
  () => import('./action-confirmation'),
  'ActionConfirmation',
);
const ForkDialog = lazyComponent(() => import('./fork-dialog'), 'ForkDialog');

interface WorkflowActionsProps {
  org: string;
  app: string;
  workflow: Workflow;
  steps: WorkflowStep[];
  mayOperate: boolean;
  /** The workflow is last-known data: every action needs a connected executor. */
  offline?: boolean;
}

type Action = ConfirmedAction | 'fork';

/**
 * Cancel, resume, fork and delete, each offered only when the status and the viewer's role allow;
 * restart and rewind (Podium's, which only some executors' SDKs know: the API answers 501 and
 * the dialog says what is needed) are not shown at all to a viewer who may not act.
 */
export function WorkflowActions({
  org,
  app,
  workflow,
  steps,
  mayOperate,
  offline = false,
}: WorkflowActionsProps) {
  const [open, setOpen] = useState<Action | null>(null);
  const [notice, setNotice] = useState<ReactNode>(null);
  const blocked = (action: Action) => {
    if (offline) return NEEDS_LIVE_EXECUTOR;
    if (action === 'rewind') return rewindBlockedReason(workflow.status);
    if (action === 'restart') return undefined;
    return actionBlockedReason(action, workflow.status, mayOperate);
  };

  const button = (action: Action, label: string) => (
    <button
      type="button"
      className={`btn ${action === 'cancel' || action === 'delete' ? 'btn-danger-outline' : ''}`}
      disabled={blocked(action) !== undefined}
      title={blocked(action)}
      aria-describedby={offline ? LAST_KNOWN_BANNER_ID : undefined}
      onClick={() => {
        setNotice(null);
        setOpen(action);
      }}
    >
      {label}
    </button>
  );

  return (
    <div className="action-bar">
      {button('cancel', 'Cancel workflow')}
      {button('resume', 'Resume workflow')}
      {button('fork', 'Fork from step…')}
      {button('delete', 'Delete workflow…')}
      {mayOperate && button('restart', 'Restart workflow…')}
      {mayOperate && button('rewind', 'Rewind workflow…')}
      {notice && (
        <span className="notice" role="status" data-testid="action-notice">
          {notice}
        </span>
      )}
      {open && open !== 'fork' && (
        <Suspense>
          <ActionConfirmation
            action={open}
            org={org}
            app={app}
            workflow={workflow}
            onClose={() => setOpen(null)}
            onDone={(done) => {
              setOpen(null);
              setNotice(done);
            }}
          />
        </Suspense>
      )}
      {open === 'fork' && (
        <Suspense>
          <ForkDialog
            org={org}
            app={app}
            workflowId={workflow.workflowId}
            steps={steps}
            onClose={() => setOpen(null)}
            onForked={(result) => {
              setOpen(null);
              setNotice(
                <span data-testid="fork-result">
                  Forked as{' '}
                  <Link className="mono" href={workflowHref(org, app, result.newWorkflowId)}>
                    {result.newWorkflowId}
                  </Link>{' '}
                  ({result.status ?? 'status unknown'}).
                </span>,
              );
            }}
          />
        </Suspense>
      )}
    </div>
  );
}

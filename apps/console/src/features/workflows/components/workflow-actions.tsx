'use client';

import type { Workflow, WorkflowActionResult, WorkflowStep } from '@podium/protocol/rest';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState, type ReactNode } from 'react';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';
import {
  useCancelWorkflow,
  useDeleteWorkflow,
  useRestartWorkflow,
  useResumeWorkflow,
  useRewindWorkflow,
} from '../mutations';
import { alreadyFinished } from '../bulk-summary';
import { actionBlockedReason, rewindBlockedReason } from '../status';
import { ForkDialog } from './fork-dialog';
import { LAST_KNOWN_BANNER_ID, NEEDS_LIVE_EXECUTOR } from '../last-known';
import { workflowHref } from './workflow-table';

interface WorkflowActionsProps {
  org: string;
  app: string;
  workflow: Workflow;
  steps: WorkflowStep[];
  mayOperate: boolean;
  /** The workflow is last-known data: every action needs a connected executor. */
  offline?: boolean;
}

type Action = 'cancel' | 'resume' | 'fork' | 'delete' | 'restart' | 'rewind';

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
  const router = useRouter();
  const [open, setOpen] = useState<Action | null>(null);
  const [notice, setNotice] = useState<ReactNode>(null);
  const [deleteChildren, setDeleteChildren] = useState(false);
  const cancel = useCancelWorkflow(org, app);
  const resume = useResumeWorkflow(org, app);
  const restart = useRestartWorkflow(org, app);
  const rewind = useRewindWorkflow(org, app);
  // Nothing is left to show here: back to the list, where it no longer appears.
  const remove = useDeleteWorkflow(org, app, () =>
    router.push(`/orgs/${org}/apps/${app}/workflows`),
  );
  const blocked = (action: Action) => {
    if (offline) return NEEDS_LIVE_EXECUTOR;
    if (action === 'rewind') return rewindBlockedReason(workflow.status);
    if (action === 'restart') return undefined;
    return actionBlockedReason(action, workflow.status, mayOperate);
  };

  const readBack = (verb: string) => (result: WorkflowActionResult) => {
    setOpen(null);
    setNotice(
      // Only a cancel that came too late says this; "Cancelled:" would be untrue.
      result.outcome === 'ALREADY_FINISHED'
        ? `${capitalized(alreadyFinished(result.status))}.`
        : result.status === workflow.status
          ? `${verb}: the executor left it ${result.status ?? 'unchanged'}.`
          : `${verb}: now ${result.status ?? 'gone'}.`,
    );
  };

  const button = (action: Action, label: string) => (
    <button
      type="button"
      className={`btn ${action === 'cancel' || action === 'delete' ? 'btn-danger-outline' : ''}`}
      disabled={blocked(action) !== undefined}
      title={blocked(action)}
      aria-describedby={offline ? LAST_KNOWN_BANNER_ID : undefined}
      onClick={() => {
        cancel.reset();
        resume.reset();
        restart.reset();
        rewind.reset();
        remove.reset();
        setDeleteChildren(false);
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
      <ConfirmDialog
        open={open === 'cancel'}
        title="Cancel this workflow?"
        confirmLabel="Yes, cancel workflow"
        tone="danger"
        busy={cancel.isPending}
        error={cancel.error}
        onClose={() => setOpen(null)}
        onConfirm={() => cancel.mutate(workflow.workflowId, { onSuccess: readBack('Cancelled') })}
      >
        <p>
          It stops at its next step and leaves its queue. You can resume it later from its last
          completed step.
        </p>
      </ConfirmDialog>
      <ConfirmDialog
        open={open === 'resume'}
        title="Resume this workflow?"
        confirmLabel="Yes, resume workflow"
        busy={resume.isPending}
        error={resume.error}
        onClose={() => setOpen(null)}
        onConfirm={() => resume.mutate(workflow.workflowId, { onSuccess: readBack('Resumed') })}
      >
        <p>It continues from its last completed step, bypassing its queue.</p>
      </ConfirmDialog>
      <ConfirmDialog
        open={open === 'restart'}
        title="Restart this workflow?"
        confirmLabel="Yes, restart workflow"
        busy={restart.isPending}
        error={restart.error}
        onClose={() => setOpen(null)}
        onConfirm={() =>
          restart.mutate(workflow.workflowId, {
            onSuccess: ({ newWorkflowId, status }) => {
              setOpen(null);
              setNotice(
                <span data-testid="restart-result">
                  {newWorkflowId === null ? (
                    'Restarted; the executor did not report the new workflow’s id.'
                  ) : (
                    <>
                      Restarted as{' '}
                      <Link className="mono" href={workflowHref(org, app, newWorkflowId)}>
                        {newWorkflowId}
                      </Link>{' '}
                      ({status ?? 'status unknown'}).
                    </>
                  )}
                </span>,
              );
            },
          })
        }
      >
        <p>A new workflow runs this one again from the start, with the same input.</p>
      </ConfirmDialog>
      <ConfirmDialog
        open={open === 'rewind'}
        title="Rewind this workflow?"
        confirmLabel="Yes, rewind workflow"
        busy={rewind.isPending}
        error={rewind.error}
        onClose={() => setOpen(null)}
        onConfirm={() => rewind.mutate(workflow.workflowId, { onSuccess: readBack('Rewound') })}
      >
        <p>
          It runs again in place, under the same id, from its first step; its events are rolled back
          and its messages deleted.
        </p>
      </ConfirmDialog>
      <ConfirmDialog
        open={open === 'delete'}
        title="Delete this workflow?"
        confirmLabel="Yes, delete workflow"
        tone="danger"
        busy={remove.isPending}
        error={remove.error}
        onClose={() => setOpen(null)}
        onConfirm={() => remove.mutate({ id: workflow.workflowId, deleteChildren })}
      >
        <p>Its record, steps and messages are removed from the app’s database for good.</p>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={deleteChildren}
            onChange={(event) => setDeleteChildren(event.target.checked)}
          />
          Also delete its child workflows
        </label>
      </ConfirmDialog>
      {open === 'fork' && (
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
      )}
    </div>
  );
}

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

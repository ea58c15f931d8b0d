'use client';

import type { Workflow, WorkflowActionResult } from '@podium/protocol/rest';
import { Link } from '../../../components/ui/link';
import { useRouter } from 'next/navigation';
import { useState, type ReactNode } from 'react';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';
import { alreadyFinished } from '../already-finished';
import {
  useCancelWorkflow,
  useDeleteWorkflow,
  useRestartWorkflow,
  useResumeWorkflow,
  useRewindWorkflow,
} from '../mutations';
import { workflowHref } from '../workflow-href';

export type ConfirmedAction = 'cancel' | 'resume' | 'delete' | 'restart' | 'rewind';

interface ActionConfirmationProps {
  action: ConfirmedAction;
  org: string;
  app: string;
  workflow: Workflow;
  onClose: () => void;
  /** What the action did, for the action bar to show once the dialog has closed. */
  onDone: (notice: ReactNode) => void;
}

/**
 * "Are you sure?" for one action on a workflow, and the action itself. Mounted only while
 * open (a workflow's page loads it on the first click), so each opening starts afresh.
 */
export function ActionConfirmation({
  action,
  org,
  app,
  workflow,
  onClose,
  onDone,
}: ActionConfirmationProps) {
  const router = useRouter();
  const [deleteChildren, setDeleteChildren] = useState(false);
  const cancel = useCancelWorkflow(org, app);
  const resume = useResumeWorkflow(org, app);
  const restart = useRestartWorkflow(org, app);
  const rewind = useRewindWorkflow(org, app);
  // Nothing is left to show here: back to the list, where it no longer appears.
  const remove = useDeleteWorkflow(org, app, () =>
    router.push(`/orgs/${org}/apps/${app}/workflows`),
  );
  const id = workflow.workflowId;

  const readBack = (verb: string) => (result: WorkflowActionResult) =>
    onDone(
      // A cancel that came too late, a resume of a finished one: "Cancelled:" would be untrue.
      result.outcome === 'ALREADY_FINISHED'
        ? `${capitalized(alreadyFinished(result.status, verb.toLowerCase()))}.`
        : result.status === workflow.status
          ? `${verb}: the executor left it ${result.status ?? 'unchanged'}.`
          : `${verb}: now ${result.status ?? 'gone'}.`,
    );

  const dialog = (
    mutation: { isPending: boolean; error: unknown },
    props: { title: string; confirmLabel: string; tone?: 'danger'; onConfirm: () => void },
    children: ReactNode,
  ) => (
    <ConfirmDialog
      open
      busy={mutation.isPending}
      error={mutation.error}
      onClose={onClose}
      {...props}
    >
      {children}
    </ConfirmDialog>
  );

  switch (action) {
    case 'cancel':
      return dialog(
        cancel,
        {
          title: 'Cancel this workflow?',
          confirmLabel: 'Yes, cancel workflow',
          tone: 'danger',
          onConfirm: () => cancel.mutate(id, { onSuccess: readBack('Cancelled') }),
        },
        <p>
          It stops at its next step and leaves its queue. You can resume it later from its last
          completed step.
        </p>,
      );
    case 'resume':
      return dialog(
        resume,
        {
          title: 'Resume this workflow?',
          confirmLabel: 'Yes, resume workflow',
          onConfirm: () => resume.mutate(id, { onSuccess: readBack('Resumed') }),
        },
        <p>It continues from its last completed step, bypassing its queue.</p>,
      );
    case 'restart':
      return dialog(
        restart,
        {
          title: 'Restart this workflow?',
          confirmLabel: 'Yes, restart workflow',
          onConfirm: () =>
            restart.mutate(id, {
              onSuccess: ({ newWorkflowId, status }) =>
                onDone(
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
                ),
            }),
        },
        <p>A new workflow runs this one again from the start, with the same input.</p>,
      );
    case 'rewind':
      return dialog(
        rewind,
        {
          title: 'Rewind this workflow?',
          confirmLabel: 'Yes, rewind workflow',
          onConfirm: () => rewind.mutate(id, { onSuccess: readBack('Rewound') }),
        },
        <p>
          It runs again in place, under the same id, from its first step; its events are rolled back
          and its messages deleted.
        </p>,
      );
    case 'delete':
      return dialog(
        remove,
        {
          title: 'Delete this workflow?',
          confirmLabel: 'Yes, delete workflow',
          tone: 'danger',
          onConfirm: () => remove.mutate({ id, deleteChildren }),
        },
        <>
          <p>Its record, steps and messages are removed from the app’s database for good.</p>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={deleteChildren}
              onChange={(event) => setDeleteChildren(event.target.checked)}
            />
            Also delete its child workflows
          </label>
        </>,
      );
  }
}

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

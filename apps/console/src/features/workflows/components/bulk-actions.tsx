'use client';

import type { Workflow } from '@podium/protocol/rest';
import { Link } from '../../../components/ui/link';
import { useState } from 'react';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';
import { BULK_VERB, forksOf, summarizeBulk, type BulkAction } from '../bulk-summary';
import { useBulkWorkflowAction } from '../bulk-mutation';
import { allows } from '../status';
import { workflowHref } from '../workflow-href';
import { LAST_KNOWN_BANNER_ID, NEEDS_LIVE_EXECUTOR } from '../last-known';

/** New workflows listed after a bulk fork (the rest are counted). */
const FORKS_LISTED = 25;

interface Outcome {
  summary: string;
  forks: { workflowId: string; newWorkflowId: string }[];
}

interface BulkActionsProps {
  org: string;
  app: string;
  /** The selected workflows that are on this page (their status decides what is offered). */
  selected: Workflow[];
  mayOperate: boolean;
  /** The list is last-known data: every action needs a connected executor. */
  offline?: boolean;
  onClear: () => void;
}

const ACTIONS: BulkAction[] = ['cancel', 'resume', 'forkFromFailure', 'delete'];

/** What each action does to every workflow it applies to, and whether it can reach children. */
const EXPLAINED: Record<BulkAction, { effect: string; children?: string; cannot: string }> = {
  cancel: {
    effect: 'Each stops at its next step and leaves its queue.',
    children: 'Also cancel their child workflows',
    cannot: 'cancelled',
  },
  resume: { effect: 'Each continues from its last completed step.', cannot: 'resumed' },
  forkFromFailure: {
    effect: 'Each is forked into a new workflow that re-runs from its failed (or last) step.',
    cannot: 'forked from a failure',
  },
  delete: {
    effect: 'Their records, steps and messages are removed for good.',
    children: 'Also delete their child workflows',
    cannot: 'deleted (cancel active ones first)',
  },
};

/** "N selected": act on them together, then say what each became. */
export function BulkActions({
  org,
  app,
  selected,
  mayOperate,
  offline = false,
  onClear,
}: BulkActionsProps) {
  const [confirming, setConfirming] = useState<BulkAction | null>(null);
  const [withChildren, setWithChildren] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const bulk = useBulkWorkflowAction(org, app);
  const eligible = (action: BulkAction) => selected.filter((w) => allows(action, w.status));
  if (selected.length === 0 && !outcome) return null;

  const run = (action: BulkAction) =>
    bulk.mutate(
      { action, ids: eligible(action).map((w) => w.workflowId), withChildren },
      {
        onSuccess: (result) => {
          setConfirming(null);
          setOutcome({ summary: summarizeBulk(action, result), forks: forksOf(result) });
          onClear();
        },
      },
    );
  const explained = confirming && EXPLAINED[confirming];
  const count = confirming ? eligible(confirming).length : 0;

  return (
    <div className="bulk-bar" role="region" aria-label="Bulk actions">
      {selected.length > 0 && (
        <>
          <span className="strong">{selected.length} selected</span>
          {ACTIONS.map((action) => (
            <button
              key={action}
              type="button"
              className={`btn btn-small ${action === 'delete' ? 'btn-danger-outline' : ''}`}
              disabled={offline || !mayOperate || eligible(action).length === 0}
              title={
                offline
                  ? NEEDS_LIVE_EXECUTOR
                  : mayOperate
                    ? undefined
                    : 'Your role can view workflows but not act on them.'
              }
              aria-describedby={offline ? LAST_KNOWN_BANNER_ID : undefined}
              onClick={() => {
                bulk.reset();
                setWithChildren(false);
                setConfirming(action);
              }}
            >
              {BULK_VERB[action]} selected
            </button>
          ))}
          <button type="button" className="btn btn-small btn-ghost" onClick={onClear}>
            Clear selection
          </button>
        </>
      )}
      {outcome && (
        <span className="notice" role="status" data-testid="bulk-outcome">
          {outcome.summary}{' '}
          <button type="button" className="btn-link" onClick={() => setOutcome(null)}>
            Dismiss
          </button>
          {outcome.forks.length > 0 && (
            <span className="bulk-forks" data-testid="bulk-forks">
              {' New workflows: '}
              {outcome.forks.slice(0, FORKS_LISTED).map(({ workflowId, newWorkflowId }, i) => (
                <span key={newWorkflowId}>
                  {i > 0 && ', '}
                  <Link
                    className="mono"
                    href={workflowHref(org, app, newWorkflowId)}
                    title={`Forked from ${workflowId}`}
                    data-testid="bulk-fork-link"
                  >
                    {newWorkflowId}
                  </Link>
                </span>
              ))}
              {outcome.forks.length > FORKS_LISTED &&
                ` and ${outcome.forks.length - FORKS_LISTED} more (filter by “Forked from”)`}
              .
            </span>
          )}
        </span>
      )}
      <ConfirmDialog
        open={confirming !== null}
        title={`${confirming ? BULK_VERB[confirming] : ''} ${count} workflows?`}
        confirmLabel={confirming ? `${BULK_VERB[confirming]} workflows` : ''}
        tone={confirming === 'cancel' || confirming === 'delete' ? 'danger' : 'primary'}
        busy={bulk.isPending}
        error={bulk.error}
        onClose={() => setConfirming(null)}
        onConfirm={() => confirming && run(confirming)}
      >
        {explained && count < selected.length && (
          <p>
            {selected.length - count} of the selected cannot be {explained.cannot} in their status
            and are left out.
          </p>
        )}
        {explained && <p>{explained.effect}</p>}
        {explained?.children && (
          <label className="checkbox">
            <input
              type="checkbox"
              checked={withChildren}
              onChange={(event) => setWithChildren(event.target.checked)}
            />
            {explained.children}
          </label>
        )}
      </ConfirmDialog>
    </div>
  );
}

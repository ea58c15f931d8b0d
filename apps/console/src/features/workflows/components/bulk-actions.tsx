'use client';

import type { Workflow } from '@podium/protocol';
import { useState } from 'react';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';
import { summarizeBulk, type BulkAction } from '../bulk-summary';
import { useBulkWorkflowAction } from '../mutations';
import { canCancel, canResume } from '../status';

interface BulkActionsProps {
  org: string;
  app: string;
  /** The selected workflows that are on this page (their status decides what is offered). */
  selected: Workflow[];
  mayOperate: boolean;
  onClear: () => void;
}

const VERB = { cancel: 'Cancel', resume: 'Resume' } as const;

/** "N selected": cancel or resume them together, then say what each became. */
export function BulkActions({ org, app, selected, mayOperate, onClear }: BulkActionsProps) {
  const [confirming, setConfirming] = useState<BulkAction | null>(null);
  const [outcome, setOutcome] = useState<string | null>(null);
  const bulk = useBulkWorkflowAction(org, app);
  const eligible = {
    cancel: selected.filter((w) => canCancel(w.status)),
    resume: selected.filter((w) => canResume(w.status)),
  };
  if (selected.length === 0 && !outcome) return null;

  const run = (action: BulkAction) =>
    bulk.mutate(
      { action, ids: eligible[action].map((w) => w.id) },
      {
        onSuccess: (result) => {
          setConfirming(null);
          setOutcome(summarizeBulk(action, result));
          onClear();
        },
      },
    );

  return (
    <div className="bulk-bar" role="region" aria-label="Bulk actions">
      {selected.length > 0 && (
        <>
          <span className="strong">{selected.length} selected</span>
          {(['cancel', 'resume'] as const).map((action) => (
            <button
              key={action}
              type="button"
              className="btn btn-small"
              disabled={!mayOperate || eligible[action].length === 0}
              title={mayOperate ? undefined : 'Your role can view workflows but not act on them.'}
              onClick={() => {
                bulk.reset();
                setConfirming(action);
              }}
            >
              {VERB[action]} selected
            </button>
          ))}
          <button type="button" className="btn btn-small btn-ghost" onClick={onClear}>
            Clear selection
          </button>
        </>
      )}
      {outcome && (
        <span className="notice" role="status" data-testid="bulk-outcome">
          {outcome}{' '}
          <button type="button" className="btn-link" onClick={() => setOutcome(null)}>
            Dismiss
          </button>
        </span>
      )}
      <ConfirmDialog
        open={confirming !== null}
        title={`${confirming ? VERB[confirming] : ''} ${confirming ? eligible[confirming].length : 0} workflows?`}
        confirmLabel={confirming ? `${VERB[confirming]} workflows` : ''}
        tone={confirming === 'cancel' ? 'danger' : 'primary'}
        busy={bulk.isPending}
        error={bulk.error}
        onClose={() => setConfirming(null)}
        onConfirm={() => confirming && run(confirming)}
      >
        {confirming && eligible[confirming].length < selected.length && (
          <p>
            {selected.length - eligible[confirming].length} of the selected cannot be{' '}
            {confirming === 'cancel' ? 'cancelled' : 'resumed'} in their status and are left out.
          </p>
        )}
        <p>
          {confirming === 'cancel'
            ? 'Each stops at its next step and leaves its queue.'
            : 'Each continues from its last completed step.'}
        </p>
      </ConfirmDialog>
    </div>
  );
}

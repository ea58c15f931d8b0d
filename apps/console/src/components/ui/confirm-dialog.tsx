'use client';

import type { ReactNode } from 'react';
import { Dialog } from './dialog';
import { ProblemAlert } from './problem-alert';

interface ConfirmDialogProps {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  /** `danger` for what cannot be undone (revoke, delete). */
  tone?: 'primary' | 'danger';
  busy?: boolean;
  error?: unknown;
  onConfirm: () => void;
  onClose: () => void;
}

/** "Are you sure?" with the action's own name on the button, and its failure shown in place. */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  tone = 'primary',
  busy = false,
  error,
  onConfirm,
  onClose,
}: ConfirmDialogProps) {
  return (
    <Dialog open={open} title={title} onClose={onClose} testId="confirm-dialog">
      <div className="dialog-content">{children}</div>
      <ProblemAlert error={error} />
      <footer className="dialog-footer">
        <button type="button" className="btn" onClick={onClose}>
          Back
        </button>
        <button
          type="button"
          className={`btn btn-${tone}`}
          onClick={onConfirm}
          disabled={busy}
          autoFocus
        >
          {busy ? 'Working…' : confirmLabel}
        </button>
      </footer>
    </Dialog>
  );
}

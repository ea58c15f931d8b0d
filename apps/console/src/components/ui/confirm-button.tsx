'use client';

import { useState, type ReactNode } from 'react';
import { ConfirmDialog } from './confirm-dialog';

/** The state of the action a confirm button runs: a `useMutation` result fits. */
interface ConfirmedAction {
  isPending: boolean;
  error: unknown;
  /** Forgets the previous attempt's failure when the dialog opens again. */
  reset: () => void;
}

interface ConfirmButtonProps {
  /** The button's text. */
  label: string;
  /** A fuller accessible name when the text alone is ambiguous, e.g. "Revoke ci key" in a table. */
  ariaLabel?: string;
  className?: string;
  /** The dialog's question, e.g. "Revoke “ci”?". */
  title: string;
  /** The dialog's confirm button: the action's own name. */
  confirmLabel: string;
  tone?: 'primary' | 'danger';
  action: ConfirmedAction;
  /** Runs the action; calling `close` (on success) closes the dialog. */
  onConfirm: (close: () => void) => void;
  /** What the dialog says about the consequences. */
  children: ReactNode;
}

/** A button that asks "are you sure?" in a dialog before it acts, and shows a failure there. */
export function ConfirmButton({
  label,
  ariaLabel,
  className = 'btn btn-small btn-danger-outline',
  title,
  confirmLabel,
  tone = 'danger',
  action,
  onConfirm,
  children,
}: ConfirmButtonProps) {
  const [open, setOpen] = useState(false);
  const close = () => setOpen(false);
  return (
    <>
      <button
        type="button"
        className={className}
        aria-label={ariaLabel}
        onClick={() => {
          action.reset();
          setOpen(true);
        }}
      >
        {label}
      </button>
      <ConfirmDialog
        open={open}
        title={title}
        confirmLabel={confirmLabel}
        tone={tone}
        busy={action.isPending}
        error={action.error}
        onClose={close}
        onConfirm={() => onConfirm(close)}
      >
        {children}
      </ConfirmDialog>
    </>
  );
}

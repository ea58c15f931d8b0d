'use client';

import { useEffect, useId, useRef, type ReactNode } from 'react';

interface DialogProps {
  open: boolean;
  title: string;
  /** Called on Escape, the close button, or a click outside. */
  onClose: () => void;
  children: ReactNode;
  testId?: string;
}

/**
 * A modal on the native `<dialog>`: the browser traps focus, Escape closes it, and the
 * rest of the page is inert while it is open. Closed (or unmounted while open), it hands focus
 * back to the control that opened it, so a keyboard user carries on where they were.
 */
export function Dialog({ open, title, onClose, children, testId }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      opener.current =
        document.activeElement instanceof HTMLElement ? document.activeElement : null;
      dialog.showModal();
    }
    if (!open && dialog.open) {
      dialog.close();
      returnFocus(opener);
    }
  }, [open]);
  useEffect(() => () => returnFocus(opener), []);

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      data-testid={testId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      onClick={(event) => {
        if (event.target === ref.current) onClose();
      }}
    >
      {open && (
        <div className="dialog-body">
          <header className="dialog-header">
            <h2 id={titleId}>{title}</h2>
            <button type="button" className="btn-icon" aria-label="Close" onClick={onClose}>
              ×
            </button>
          </header>
          {children}
        </div>
      )}
    </dialog>
  );
}

/** Focuses the opener again, if it is still on the page (a disabled one simply keeps none). */
function returnFocus(opener: { current: HTMLElement | null }) {
  const element = opener.current;
  opener.current = null;
  if (element?.isConnected) element.focus();
}

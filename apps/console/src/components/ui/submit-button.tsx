import type { ReactNode } from 'react';

interface SubmitButtonProps {
  /** True while the form's request runs: the button is disabled (no double submit). */
  pending: boolean;
  /** What the button says meanwhile, e.g. "Creating…"; its usual label when not given. */
  pendingLabel?: string;
  /** Added to `btn btn-primary`, e.g. `btn-block`. */
  className?: string;
  children: ReactNode;
}

/** A form's primary button. */
export function SubmitButton({ pending, pendingLabel, className, children }: SubmitButtonProps) {
  return (
    <button
      type="submit"
      className={className ? `btn btn-primary ${className}` : 'btn btn-primary'}
      disabled={pending}
    >
      {pending && pendingLabel ? pendingLabel : children}
    </button>
  );
}

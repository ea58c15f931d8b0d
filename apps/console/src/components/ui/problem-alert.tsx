import { AppError, type ProblemFieldError } from '@podium/protocol/rest';

interface ProblemAlertProps {
  /** A failed query or mutation's error; nothing is shown when it is null. */
  error: unknown;
  /** Plain names for a validation problem's field paths, e.g. `{ displayName: 'Name' }`. */
  fieldLabels?: Record<string, string>;
  testId?: string;
}

/** The control plane's own words for what went wrong, next to the form or action that failed. */
export function ProblemAlert({ error, fieldLabels = {}, testId }: ProblemAlertProps) {
  if (!error) return null;
  const message = error instanceof Error ? error.message : 'Something went wrong.';
  const fields: ProblemFieldError[] = AppError.is(error) ? (error.errors ?? []) : [];
  return (
    <div className="alert alert-error" role="alert" data-testid={testId}>
      <p>{message}</p>
      {fields.length > 0 && (
        <ul>
          {fields.map((field) => (
            <li key={`${field.path}:${field.message}`}>
              <strong>{fieldLabels[field.path] ?? (field.path || 'Request')}</strong>{' '}
              {field.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

import { describeError } from '../display';

/** An input or output display string as the executor sent it (never parsed as JSON). */
export function DisplayValue({ value, testId }: { value: string | null; testId?: string }) {
  if (value === null) return <span className="muted-inline">—</span>;
  return (
    <pre className="value" data-testid={testId}>
      {value}
    </pre>
  );
}

/** An error: its one-line summary, and the stack and extra fields folded away. */
export function ErrorValue({ value, testId }: { value: string; testId?: string }) {
  const { summary, details } = describeError(value);
  return (
    <div className="error-value" data-testid={testId}>
      <p className="error-summary">{summary}</p>
      {details && (
        <details>
          <summary>Details</summary>
          <pre className="value">{details}</pre>
        </details>
      )}
    </div>
  );
}

import { describeError } from '../display';

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

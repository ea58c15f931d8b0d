'use client';

import { useMemo } from 'react';
import { downloadText } from '../../lib/download';
import { formatPayload, payloadFileName } from '../../lib/payload';
import { CopyButton } from './copy-button';

interface PayloadViewerProps {
  /** What it is: "Input", "Output", "Error", "Event order-status". */
  label: string;
  /** The executor's display string; null shows a dash. */
  value: string | null;
  /** The download's file name without extension, e.g. `<workflow id>-input`. */
  fileBase: string;
  /** Starts folded (long or secondary values). */
  collapsed?: boolean;
  testId?: string;
}

/**
 * One payload: pretty JSON when the executor's string is a JSON object or array, the string
 * verbatim otherwise (see formatPayload), folded or unfolded, with copy and download.
 */
export function PayloadViewer({
  label,
  value,
  fileBase,
  collapsed = false,
  testId,
}: PayloadViewerProps) {
  const payload = useMemo(() => (value === null ? null : formatPayload(value)), [value]);
  if (payload === null) {
    return (
      <div className="payload" data-testid={testId} data-kind="none">
        <h3 className="subheading">{label}</h3>
        <span className="muted-inline">—</span>
      </div>
    );
  }
  const fileName = payloadFileName(fileBase, payload);
  return (
    <details className="payload" open={!collapsed} data-testid={testId} data-kind={payload.kind}>
      <summary>
        <h3 className="subheading">{label}</h3>
        <span className="payload-kind">{payload.kind === 'json' ? 'JSON' : 'as sent'}</span>
      </summary>
      <div className="payload-tools">
        <CopyButton text={value ?? ''} label={`Copy ${label.toLowerCase()}`} />
        <button
          type="button"
          className="btn btn-small"
          aria-label={`Download ${label.toLowerCase()} as ${fileName}`}
          onClick={() =>
            downloadText(
              payload.text,
              fileName,
              payload.kind === 'json' ? 'application/json' : 'text/plain',
            )
          }
        >
          Download
        </button>
      </div>
      <pre className="value" data-testid="payload-text">
        {payload.text}
      </pre>
    </details>
  );
}

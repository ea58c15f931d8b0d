'use client';

import { useState } from 'react';

interface CopyButtonProps {
  text: string;
  /** Names what is copied, e.g. "Copy API key". */
  label: string;
  /** A small icon button (beside ids in tables) instead of the word "Copy". */
  compact?: boolean;
}

/** Copies `text` to the clipboard and says so for a moment. */
export function CopyButton({ text, label, compact = false }: CopyButtonProps) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('failed');
    }
    setTimeout(() => setState('idle'), 2_000);
  };
  const said = state === 'copied' ? 'Copied' : state === 'failed' ? 'Select and copy' : 'Copy';
  return (
    <button
      type="button"
      className={compact ? 'btn-icon copy-icon' : 'btn btn-small'}
      onClick={() => void copy()}
      aria-label={label}
      title={compact ? `${label}${state === 'idle' ? '' : ` (${said.toLowerCase()})`}` : undefined}
      data-state={state}
    >
      {compact ? state === 'copied' ? '✓' : <CopyIcon /> : said}
    </button>
  );
}

/** Two overlapping sheets, drawn (a font may lack a copy glyph). */
function CopyIcon() {
  return (
    <svg width="13" height="13" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <rect
        x="5"
        y="5"
        width="9"
        height="9"
        rx="1.5"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.5"
      />
      <path
        d="M11 3.5V3a1.5 1.5 0 0 0-1.5-1.5H3A1.5 1.5 0 0 0 1.5 3v6.5A1.5 1.5 0 0 0 3 11h.5"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.5"
      />
    </svg>
  );
}

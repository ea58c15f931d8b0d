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
      {compact ? (state === 'copied' ? '✓' : '⧉') : said}
    </button>
  );
}

'use client';

import { useState } from 'react';

interface CopyButtonProps {
  text: string;
  /** Names what is copied, e.g. "Copy API key". */
  label: string;
}

/** Copies `text` to the clipboard and says so for a moment. */
export function CopyButton({ text, label }: CopyButtonProps) {
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
  return (
    <button type="button" className="btn btn-small" onClick={() => void copy()} aria-label={label}>
      {state === 'copied' ? 'Copied' : state === 'failed' ? 'Select and copy' : 'Copy'}
    </button>
  );
}

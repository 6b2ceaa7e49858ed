'use client';

import { useEffect, useState } from 'react';

type CopyState = 'idle' | 'copied' | 'failed';

const announcements: Record<CopyState, string> = {
  idle: '',
  copied: 'Copied to clipboard',
  failed: 'Could not copy: select the text and copy it by hand',
};

/**
 * Copies `text` to the clipboard. The outcome is announced in a status region beside the button
 * (kept in the DOM while empty, so screen readers pick up the change) rather than by renaming the
 * button, so its accessible name always matches its visible label.
 */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [state, setState] = useState<CopyState>('idle');

  useEffect(() => {
    if (state === 'idle') return;
    // A UI timer, not a wait: the message fades back so a second copy is announced again.
    const timer = setTimeout(() => setState('idle'), 4000);
    return () => clearTimeout(timer);
  }, [state]);

  async function copy() {
    try {
      // navigator.clipboard is missing outside secure contexts (plain http on a non-local host).
      if (!navigator.clipboard) throw new Error('clipboard unavailable');
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('failed');
    }
  }

  return (
    <span className="copy">
      <button type="button" className="button" aria-label={label} onClick={copy}>
        Copy
      </button>
      <span role="status" className="copy-status">
        {announcements[state]}
      </span>
    </span>
  );
}

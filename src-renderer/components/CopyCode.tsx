import { useState } from 'react';

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/** A shell command in a code span with a Copy button. */
export function CopyCode({ text }: { readonly text: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const onCopy = async (): Promise<void> => {
    setState((await copyText(text)) ? 'copied' : 'failed');
    setTimeout(() => setState('idle'), 1500);
  };
  return (
    <span className="copy-code">
      <code>{text}</code>
      <button
        type="button"
        className="small ghost"
        onClick={() => void onCopy()}
        aria-label={`Copy command: ${text}`}
        title="Copy to clipboard"
      >
        {state === 'copied' ? 'Copied' : state === 'failed' ? 'Select & copy' : 'Copy'}
      </button>
    </span>
  );
}

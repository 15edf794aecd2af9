import { useState } from 'react';

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/** A button that copies `text`, and says for a moment whether it could. */
export function CopyButton({ text, label = 'Copy', describedAs }: { readonly text: string; readonly label?: string; readonly describedAs: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const onCopy = async (): Promise<void> => {
    setState((await copyText(text)) ? 'copied' : 'failed');
    setTimeout(() => setState('idle'), 1500);
  };
  return (
    <button type="button" className="small ghost" onClick={() => void onCopy()} aria-label={describedAs} title="Copy to clipboard">
      {state === 'copied' ? 'Copied' : state === 'failed' ? 'Select & copy' : label}
    </button>
  );
}

/** A shell command in a code span with a Copy button. */
export function CopyCode({ text }: { readonly text: string }) {
  return (
    <span className="copy-code">
      <code>{text}</code>
      <CopyButton text={text} describedAs={`Copy command: ${text}`} />
    </span>
  );
}

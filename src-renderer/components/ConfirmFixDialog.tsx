import { useEffect, useRef } from 'react';
import { cancelConfirmation, confirmFix, type PendingConfirmation } from '../store/toolchain';
import { CopyCode } from './CopyCode';
import { RichText } from './RichText';

/** Asks before a fix that changes the system runs, showing exactly what will run. */
export function ConfirmFixDialog({ pending }: { readonly pending: PendingConfirmation }) {
  const cancelRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    cancelRef.current?.focus();
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') {
        e.preventDefault();
        cancelConfirmation();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  const sudo = pending.fix.command?.startsWith('sudo ') ?? false;
  return (
    <div className="modal-backdrop" role="presentation" onClick={cancelConfirmation}>
      <div
        className="modal"
        role="dialog"
        aria-modal="true"
        aria-labelledby="confirm-fix-title"
        data-testid="confirm-fix"
        onClick={(e) => e.stopPropagation()}
      >
        <h3 id="confirm-fix-title">This fix changes your system</h3>
        <p className="modal-context">{pending.checkTitle}</p>
        <p>
          <RichText text={pending.fix.summary} />
        </p>
        <p>Wheelbench will run exactly:</p>
        {pending.fix.command ? <CopyCode text={pending.fix.command} /> : null}
        {sudo ? (
          <p className="muted">
            It runs sudo without a prompt: if sudo needs your password, the fix stops and says so — then run the command in your own terminal.
          </p>
        ) : null}
        <div className="modal-actions">
          <button type="button" ref={cancelRef} onClick={cancelConfirmation} data-testid="confirm-fix-cancel">
            Cancel
          </button>
          <button type="button" className="primary" onClick={() => void confirmFix()} data-testid="confirm-fix-run">
            Run it
          </button>
        </div>
      </div>
    </div>
  );
}

import { cancelConfirmation, confirmFix, type PendingConfirmation } from '../store/toolchain';
import { CopyCode } from './CopyCode';
import { Modal } from './Modal';
import { RichText } from './RichText';

/** Asks before a fix that changes the system runs, showing exactly what will run. */
export function ConfirmFixDialog({ pending }: { readonly pending: PendingConfirmation }) {
  const sudo = pending.fix.command?.startsWith('sudo ') ?? false;
  return (
    <Modal
      title="This fix changes your system"
      onClose={cancelConfirmation}
      testId="confirm-fix"
      footer={
        <>
          <button type="button" onClick={cancelConfirmation} data-testid="confirm-fix-cancel">
            Cancel
          </button>
          <button type="button" className="primary" onClick={() => void confirmFix()} data-testid="confirm-fix-run">
            Run it
          </button>
        </>
      }
    >
      <div className="confirm-fix">
        <p className="muted">{pending.checkTitle}</p>
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
      </div>
    </Modal>
  );
}

import { useEffect, useId, useRef, type ReactNode } from 'react';

interface Props {
  readonly open: boolean;
  readonly onClose: () => void;
  readonly title: string;
  readonly testId: string;
  readonly className?: string;
  /** Next to the title (e.g. a refresh button). */
  readonly actions?: ReactNode;
  readonly children: ReactNode;
}

/** Whether a modal dialog is open (global shortcuts such as Esc-cancels-the-build stand aside). */
export function isDialogOpen(): boolean {
  return document.querySelector('dialog[open]') !== null;
}

/**
 * A modal dialog (the native <dialog>: focus stays inside, Esc closes, the page behind is inert).
 * Its content is only mounted while open.
 */
export function Dialog({ open, onClose, title, testId, className, actions, children }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      className={`dialog ${className ?? ''}`}
      data-testid={testId}
      aria-labelledby={titleId}
      onClose={onClose}
      // A click on the backdrop (the dialog element itself, outside its box) closes it.
      onMouseDown={(e) => {
        if (e.target === e.currentTarget) {
          const r = e.currentTarget.getBoundingClientRect();
          if (e.clientX < r.left || e.clientX > r.right || e.clientY < r.top || e.clientY > r.bottom) onClose();
        }
      }}
    >
      {open ? (
        <div className="dialog-frame">
          <header className="dialog-header">
            <h2 id={titleId}>{title}</h2>
            <div className="dialog-actions">
              {actions}
              <button type="button" className="ghost small" onClick={onClose} aria-label={`Close ${title}`} data-testid="dialog-close">
                ✕
              </button>
            </div>
          </header>
          {children}
        </div>
      ) : null}
    </dialog>
  );
}

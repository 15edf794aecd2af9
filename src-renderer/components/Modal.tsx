import { useEffect, useRef, type ReactNode } from 'react';

interface Props {
  readonly title: string;
  readonly onClose: () => void;
  readonly children: ReactNode;
  readonly footer?: ReactNode;
  readonly testId?: string;
  readonly wide?: boolean;
  /** Sizes a particular dialog (e.g. the history's two panes). */
  readonly className?: string;
  /** Next to the title, before the close button (e.g. Refresh). */
  readonly actions?: ReactNode;
}

/** Whether a dialog is open: the window's shortcuts stand aside for it. */
export function isModalOpen(): boolean {
  return document.querySelector('[aria-modal="true"]') !== null;
}

/** A dialog over the window: Escape or the backdrop closes it; focus moves into it. */
export function Modal({ title, onClose, children, footer, testId, wide, className, actions }: Props) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.key !== 'Escape') return;
      // Escape closes the dialog, not the running build behind it.
      e.preventDefault();
      onClose();
    };
    window.addEventListener('keydown', onKey, true);
    box.current?.querySelector<HTMLElement>('input, select, button.primary, button')?.focus();
    return () => window.removeEventListener('keydown', onKey, true);
  }, [onClose]);
  const id = `dialog-${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div ref={box} className={`modal${wide ? ' modal-wide' : ''}${className ? ` ${className}` : ''}`} role="dialog" aria-modal="true" aria-labelledby={id} data-testid={testId}>
        <header className="modal-header">
          <h2 id={id}>{title}</h2>
          <div className="modal-actions">
            {actions}
            <button type="button" className="ghost small" onClick={onClose} aria-label="Close">
              ✕
            </button>
          </div>
        </header>
        <div className="modal-body">{children}</div>
        {footer ? <footer className="modal-footer">{footer}</footer> : null}
      </div>
    </div>
  );
}

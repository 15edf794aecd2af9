import { dismissAllErrors, dismissError, useErrorStore } from '../store/errors';
import { FixView } from './FixView';
import { RichText } from './RichText';

/** The location is shown on its own line, so a message that starts with it need not repeat it. */
function withoutLocation(message: string, location: string): string {
  return location && message.startsWith(`${location}: `) ? message.slice(location.length + 2) : message;
}

/** Failures of any call: message, where, and the fix. Each can be dismissed. */
export function ErrorBanner() {
  const errors = useErrorStore((s) => s.errors);
  if (errors.length === 0) return null;
  return (
    <div className="error-stack" role="alert" aria-live="assertive">
      {errors.map((e) => (
        <div className="error-banner" key={e.id} data-testid="error-banner" data-code={e.code}>
          <span className="error-icon" aria-hidden="true">
            ✗
          </span>
          <div className="error-content">
            {e.context ? <div className="error-context">{e.context} failed</div> : null}
            <div className="error-message" data-testid="error-message">
              <RichText text={withoutLocation(e.message, e.location)} />
            </div>
            {e.location ? (
              <div className="error-location">
                at <code>{e.location}</code>
              </div>
            ) : null}
            {e.fix ? <FixView fix={e.fix} /> : null}
          </div>
          <button type="button" className="ghost small dismiss" onClick={() => dismissError(e.id)} aria-label="Dismiss this error" data-testid="error-dismiss">
            ✕
          </button>
        </div>
      ))}
      {errors.length > 1 ? (
        <button type="button" className="ghost small dismiss-all" onClick={dismissAllErrors}>
          Dismiss all
        </button>
      ) : null}
    </div>
  );
}

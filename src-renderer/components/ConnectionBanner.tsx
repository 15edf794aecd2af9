import { useConnectionStore } from '../store/connection';

/** Shown while the web mode's socket is down. Requests made meanwhile wait for the reconnect. */
export function ConnectionBanner() {
  const { status, everConnected, attempt } = useConnectionStore();
  if (status === 'open') return null;
  if (status === 'connecting' && !everConnected) {
    return (
      <div className="connection-banner connecting" role="status" data-testid="connection-banner">
        Connecting to Wheelbench…
      </div>
    );
  }
  return (
    <div className="connection-banner" role="status" aria-live="polite" data-testid="connection-banner">
      <span className="spinner" aria-hidden="true" />
      {everConnected ? 'Disconnected from Wheelbench — reconnecting…' : 'Cannot reach Wheelbench — retrying…'}
      {attempt >= 4 ? (
        <span className="muted">
          {' '}
          Is <code>wheelbench serve</code> still running? If it was restarted, open the URL it printed (with its token) again.
        </span>
      ) : null}
    </div>
  );
}

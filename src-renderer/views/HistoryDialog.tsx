import { useCallback, useEffect, useRef } from 'react';
import type { Terminal as XTerm } from '@xterm/xterm';
import type { HistoryEntry } from '../../src-main/common/domain';
import { CopyButton } from '../components/CopyCode';
import { Modal } from '../components/Modal';
import { StatusIcon } from '../components/StatusIcon';
import { XTermView } from '../components/Terminal';
import { closeHistory, entryKey, loadHistory, selectHistoryEntry, useHistoryStore } from '../store/history';
import { formatBytes, formatLargestProcess } from '../../src-main/common/format-bytes';
import { humanDuration, timeAgo } from '../util/format';
import { baseName } from '../util/paths';
import { collapseRedraws } from '../util/terminal-text';

const ICON = { ok: 'ok', failed: 'error', cancelled: 'skip', unavailable: 'warn' } as const;

function HistoryItem({ e, selected, showProject }: { readonly e: HistoryEntry; readonly selected: boolean; readonly showProject: boolean }) {
  const r = e.result;
  return (
    <li>
      <button
        type="button"
        className={`history-item ${selected ? 'selected' : ''}`}
        data-testid="history-item"
        data-target={e.target}
        data-status={r.status}
        aria-current={selected ? 'true' : undefined}
        onClick={() => void selectHistoryEntry(e)}
      >
        <StatusIcon status={ICON[r.status]} />
        <span className="history-main">
          <span className="history-line">
            <span className="history-target" title={e.target}>
              {e.requested && e.requested !== e.target ? `${e.requested} · ${e.target}` : e.target}
            </span>
            <span className="history-when" title={new Date(e.at).toLocaleString()}>
              {timeAgo(e.at)}
            </span>
          </span>
          <span className="history-line muted">
            <span className={`strategy strategy-${e.strategy ?? 'none'}`}>{e.strategy ?? '—'}</span>
            <span>
              {e.profile} · {e.jobs === null ? 'jobs auto' : `${e.jobs} job${e.jobs === 1 ? '' : 's'}`} ·{' '}
              <span data-testid="history-duration">{humanDuration(r.durationMs)}</span>
              {r.peakRssBytes > 0 ? <span data-testid="history-peak"> · peak {formatBytes(r.peakRssBytes)}</span> : null}
              {r.largestProcess ? (
                <span data-testid="history-largest" title="The biggest single process of the build: fewer jobs cannot go below it">
                  {' '}
                  · largest: {formatLargestProcess(r.largestProcess)}
                </span>
              ) : null}
            </span>
          </span>
          {e.toolchain ? <span className="history-line muted history-toolchain">{e.toolchain}</span> : null}
          {showProject ? <span className="history-line muted">{baseName(e.projectDir)}</span> : null}
          <span className={`history-line history-result result-${r.status}`} data-testid="history-result">
            {r.status === 'ok' ? (r.wheel ? baseName(r.wheel) : 'ok') : `${r.status}${r.reason ? `: ${r.reason}` : ''}`}
          </span>
        </span>
      </button>
    </li>
  );
}

/** The selected build's log, ANSI and all, in a read-only terminal. */
function LogView({ text, failed }: { readonly text: string; readonly failed: boolean }) {
  const termRef = useRef<XTerm | null>(null);
  const onReady = useCallback((term: XTerm) => {
    termRef.current = term;
    return () => {
      termRef.current = null;
    };
  }, []);
  useEffect(() => {
    const term = termRef.current;
    if (!term) return;
    term.reset();
    // A failed build's error is at the end; otherwise read from the command at the top.
    term.write(collapseRedraws(text), () => (failed ? term.scrollToBottom() : term.scrollToTop()));
  }, [text, failed]);
  return (
    <div className="log-view-wrap">
      <div className="log-toolbar">
        <button type="button" className="small ghost" onClick={() => termRef.current?.scrollToTop()}>
          ⤒ Top
        </button>
        <button type="button" className="small ghost" onClick={() => termRef.current?.scrollToBottom()}>
          ⤓ End
        </button>
      </div>
      <XTermView onReady={onReady} testId="log-view" label="Build log" />
    </div>
  );
}

function HistoryBody() {
  const { loading, error, entries, projectDir, selected, log, logLoading, logError } = useHistoryStore();
  return (
    <div className="history-body">
      <div className="history-list-pane">
        <div className="muted history-scope">{projectDir ? <>Builds of <code>{projectDir}</code></> : 'Builds of every project'}</div>
        {error ? (
          <div className="form-error" role="alert" data-testid="history-error">
            Could not read the history: {error}
          </div>
        ) : null}
        {entries.length === 0 && !error ? (
          <p className="empty" data-testid="history-empty">
            {loading ? 'Reading the history…' : projectDir ? 'No builds of this project yet. Build it, and each target’s run shows up here.' : 'No builds yet.'}
          </p>
        ) : (
          <ul className="history-list" aria-label="Past builds, newest first">
            {entries.map((e) => (
              <HistoryItem key={entryKey(e)} e={e} selected={selected !== null && entryKey(selected) === entryKey(e)} showProject={projectDir === null} />
            ))}
          </ul>
        )}
      </div>
      <div className="history-log-pane">
        {selected ? (
          <>
            <div className="history-log-head">
              {selected.rerun ? (
                <>
                  <details className="history-command" data-testid="history-command">
                    <summary>
                      <code>{selected.command.join(' ')}</code>
                    </summary>
                    <p className="muted">The same maturin run by hand, with the environment Wheelbench gave it, writing into the output folder:</p>
                    <pre className="history-rerun" data-testid="history-rerun">{selected.rerun}</pre>
                  </details>
                  <CopyButton text={selected.rerun} label="Copy command" describedAs="Copy the command, with its folder and environment, to run this build by hand" />
                </>
              ) : (
                <code>{selected.logFile}</code>
              )}
            </div>
            {logError ? (
              <div className="form-error" role="alert" data-testid="log-error">
                Could not read the log: {logError}
              </div>
            ) : logLoading || log === null ? (
              <div className="loading" role="status">
                <span className="spinner" aria-hidden="true" /> Reading the log…
              </div>
            ) : log === '' ? (
              <p className="empty">The log is empty.</p>
            ) : (
              <LogView text={log} failed={selected.result.status === 'failed'} />
            )}
          </>
        ) : (
          <p className="empty history-pick">{entries.length ? 'Pick a build to see its log.' : ''}</p>
        )}
      </div>
    </div>
  );
}

export function HistoryDialog() {
  const open = useHistoryStore((s) => s.open);
  const loading = useHistoryStore((s) => s.loading);
  return open ? (
    <Modal
      onClose={closeHistory}
      title="Build history"
      testId="history-dialog"
      className="history-dialog"
      actions={
        <button type="button" className="small" onClick={() => void loadHistory()} disabled={loading}>
          {loading ? 'Refreshing…' : 'Refresh'}
        </button>
      }
    >
      <HistoryBody />
    </Modal>
  ) : null;
}

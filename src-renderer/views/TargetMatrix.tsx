import type { KeyboardEvent } from 'react';
import { ProgressBar } from '../components/ProgressBar';
import { cancelTarget, isRunning, rowStatus, type Job, type RowStatus, type TargetProgress } from '../store/build';
import { openHistory } from '../store/history';
import { aliasOfTriple, targetInfo } from '../store/targets';
import { formatBytes, formatLargestProcess } from '../../src-main/common/format-bytes';
import { humanDuration } from '../util/format';

/** What a row is called: what was picked (host, linux-aarch64…), else the catalog alias, else the triple. */
export function rowName(t: TargetProgress): string {
  return t.requested ?? aliasOfTriple(t.target) ?? t.target;
}

/** A row's identity across renames (its key changes from alias to triple when the engine names it). */
export const rowKey = (t: TargetProgress): string => t.requested ?? t.target;

const TONE: Record<RowStatus, 'running' | 'ok' | 'failed' | 'cancelled'> = {
  queued: 'running',
  building: 'running',
  cancelling: 'cancelled',
  ok: 'ok',
  failed: 'failed',
  cancelled: 'cancelled',
  unavailable: 'failed',
};

function detailOf(t: TargetProgress, status: RowStatus): string {
  const r = t.result;
  if (r) {
    if (r.status === 'ok') return r.wheel ? (r.wheel.split(/[\\/]/).pop() ?? r.wheel) : 'wheel built';
    return r.reason ?? r.status;
  }
  switch (status) {
    case 'queued':
      return 'queued: waits for a free build slot (the memory budget and cores decide how many run at once)';
    case 'cancelling':
      return 'cancelling…';
    case 'building':
      if (t.current) return `compiling ${t.current}${t.unitsTotal > 0 ? ` (${t.unitsDone}/${t.unitsTotal})` : ''}`;
      return t.unitsTotal > 0 ? `${t.unitsDone}/${t.unitsTotal}` : 'starting…';
    default:
      return 'no result (the build ended without one)';
  }
}

function TargetRow({ t, job }: { readonly t: TargetProgress; readonly job: Job }) {
  const status = rowStatus(t, job);
  const name = rowName(t);
  const r = t.result;
  const cancellable = isRunning(job) && (status === 'queued' || status === 'building');
  const percent = status === 'queued' ? 0 : t.percent;
  // Until the engine says how it builds, the picker's plan is the best guess (shown as a guess).
  const strategy = t.strategy ?? targetInfo(t.requested)?.strategy ?? null;
  return (
    <div className={`target-row row-${status}`} data-testid="target-row" data-target={t.target} data-alias={name} data-status={status} title={t.named ? t.target : undefined}>
      <div className="target-row-progress">
        <ProgressBar label={name} percent={percent} detail={detailOf(t, status)} tone={TONE[status]} />
      </div>
      <span
        className={`strategy strategy-${strategy ?? 'unknown'} ${t.strategy ? '' : 'planned'}`}
        data-testid="row-strategy"
        title={t.strategy ? 'How it builds' : 'How it is planned to build'}
      >
        {strategy ?? '—'}
      </span>
      <span className={`row-status rs-${status}`} data-testid="row-status">
        {status}
      </span>
      <span className="row-metrics" data-testid="row-metrics">
        {r && r.status !== 'unavailable' ? (
          <>
            <span data-testid="row-duration" title="Duration">
              {humanDuration(r.durationMs)}
            </span>
            {r.peakRssBytes > 0 ? (
              <span data-testid="row-peak" title={`Peak memory of the build's processes${r.largestProcess ? `; the largest: ${formatLargestProcess(r.largestProcess)}` : ''}`}>
                {' '}
                · peak {formatBytes(r.peakRssBytes)}
              </span>
            ) : null}
          </>
        ) : null}
      </span>
      <span className="row-actions">
        {cancellable || status === 'cancelling' ? (
          <button
            type="button"
            className="small danger"
            data-testid="row-cancel"
            disabled={status === 'cancelling'}
            onClick={() => void cancelTarget(job.jobId, t)}
            aria-label={`Cancel ${name}`}
            title={`Cancel ${name} only; the other targets go on`}
          >
            Cancel
          </button>
        ) : r && r.status !== 'unavailable' ? (
          <button
            type="button"
            className="small ghost"
            data-testid="row-log"
            onClick={() => void openHistory({ jobId: job.jobId, target: t.target })}
            aria-label={`Show the log of ${name}`}
            title="Show this target's build log"
          >
            Log
          </button>
        ) : null}
      </span>
    </div>
  );
}

/** One row per target of a build: its own progress, status, strategy, duration, peak memory and Cancel. */
export function TargetMatrix({ job }: { readonly job: Job }) {
  return (
    <div className="targets" data-testid="target-matrix" role="group" aria-label="Targets of this build">
      {job.targets.length === 0 && isRunning(job) ? <ProgressBar label="Preparing" percent={null} detail="planning the build…" /> : null}
      {job.targets.map((t) => (
        <TargetRow key={rowKey(t)} t={t} job={job} />
      ))}
    </div>
  );
}

/** Tabs over the terminal: all output, or one target's. `selected` is a row key, null for all. */
export function OutputTabs({ job, selected, onSelect }: { readonly job: Job; readonly selected: string | null; readonly onSelect: (key: string | null) => void }) {
  const tabs: { key: string | null; label: string; status: RowStatus | null }[] = [
    { key: null, label: 'All output', status: null },
    ...job.targets.map((t) => ({ key: rowKey(t), label: rowName(t), status: rowStatus(t, job) })),
  ];
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    const i = tabs.findIndex((t) => t.key === selected);
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0) return;
    e.preventDefault();
    const next = tabs[(i + step + tabs.length) % tabs.length];
    if (next) {
      onSelect(next.key);
      const el = e.currentTarget.querySelector<HTMLElement>(`[data-tab-index="${tabs.indexOf(next)}"]`);
      el?.focus();
    }
  };
  return (
    <div className="output-tabs" role="tablist" aria-label="Which output the terminal shows" onKeyDown={onKeyDown} data-testid="output-tabs">
      {tabs.map((t, i) => (
        <button
          key={t.key ?? '*'}
          type="button"
          role="tab"
          className={`output-tab ${t.key === selected ? 'selected' : ''}`}
          aria-selected={t.key === selected}
          tabIndex={t.key === selected ? 0 : -1}
          data-tab-index={i}
          data-testid="output-tab"
          data-alias={t.key === null ? '' : t.label}
          onClick={() => onSelect(t.key)}
        >
          {t.status ? <span className={`tab-dot rs-${t.status}`} aria-hidden="true" /> : null}
          {t.label}
        </button>
      ))}
    </div>
  );
}

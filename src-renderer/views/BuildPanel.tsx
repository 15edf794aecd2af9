import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { TargetResult } from '../../src-main/common/domain';
import { ExplanationView } from '../components/ExplanationView';
import { Panel } from '../components/Panel';
import { Terminal } from '../components/Terminal';
import { activeJob, cancelActiveJob, isRunning, rowStatus, startBuild, useBuildStore, type Job, type RowStatus } from '../store/build';
import { openSettings, useBuildSettingsStore } from '../store/build-settings';
import { useProjectStore } from '../store/project';
import { useSettingsStore } from '../store/settings';
import { orderedSelection, useTargetsStore } from '../store/targets';
import { clearTerminal, setOutputView } from '../store/terminal-sink';
import { useWheelsStore } from '../store/wheels';
import { humanDuration } from '../util/format';
import { ARIA_MOD, MOD } from '../util/keys';
import { baseName } from '../util/paths';
import { describeSettings } from '../util/settings-form';
import { OutputTabs, rowKey, rowName, TargetMatrix } from './TargetMatrix';
import { TargetPicker } from './TargetPicker';

function statusText(job: Job): string {
  const what = job.kind === 'build' ? 'Build' : 'Install';
  const took = job.finishedAt ? ` in ${humanDuration(job.finishedAt - job.startedAt)}` : '';
  if (job.kind === 'build' && job.targets.length > 1) {
    const counts = new Map<RowStatus, number>();
    for (const t of job.targets) counts.set(rowStatus(t, job), (counts.get(rowStatus(t, job)) ?? 0) + 1);
    const tally = [...counts].map(([s, n]) => `${n} ${s}`).join(', ');
    if (isRunning(job)) return `${job.status === 'cancelling' ? 'Cancelling' : 'Building'} ${job.targets.length} targets… (${tally})`;
    return `Build of ${job.targets.length} targets finished${took}: ${tally}`;
  }
  switch (job.status) {
    case 'running':
      return job.kind === 'build' ? 'Building…' : 'Installing…';
    case 'cancelling':
      return 'Cancelling…';
    case 'succeeded':
      return `${what} succeeded${took}`;
    case 'failed':
      return `${what} failed`;
    case 'cancelled':
      return `${what} cancelled`;
  }
}

function Failure({ r, name }: { readonly r: TargetResult; readonly name: string }) {
  return (
    <div className="failure" data-testid="build-failure">
      <div className="failure-head">
        <strong>{name}</strong> {r.status === 'unavailable' ? 'is unavailable' : 'failed'}
        {r.reason ? <>: {r.reason}</> : null}
      </div>
      {r.explanation ? <ExplanationView explanation={r.explanation} /> : null}
    </div>
  );
}

/** The terminal's tab: a row of one job, or everything (null). */
function useOutputTab(job: Job | null): [string | null, (key: string | null) => void] {
  const [tab, setTab] = useState<{ jobId: string; key: string } | null>(null);
  const row = job && tab?.jobId === job.jobId ? job.targets.find((t) => rowKey(t) === tab.key) : undefined;
  const viewTarget = row?.target ?? null;
  const jobId = job?.jobId ?? null;
  useEffect(() => {
    setOutputView(jobId && viewTarget ? { jobId, target: viewTarget } : null);
  }, [jobId, viewTarget]);
  return [row ? rowKey(row) : null, (key) => setTab(job && key ? { jobId: job.jobId, key } : null)];
}

export function BuildPanel() {
  const project = useProjectStore((s) => s.project);
  const job = useBuildStore(activeJob);
  const starting = useBuildStore((s) => s.starting);
  const saved = useBuildSettingsStore((s) => s.saved);
  const defaultProfile = useSettingsStore((s) => s.appInfo?.defaultProfile);
  const picked = useTargetsStore(useShallow((s) => orderedSelection(s)));
  const running = isRunning(job);
  const [tab, setTab] = useOutputTab(job);
  // Verifications write into the terminal too.
  const verified = useWheelsStore((s) => Object.keys(s.verifications).length > 0);

  const failures = job?.kind === 'build' ? job.targets.filter((t) => t.result && (t.result.status === 'failed' || t.result.status === 'unavailable')) : [];
  const many = job?.kind === 'build' && job.targets.length > 1;
  const what = picked.length === 1 && picked[0] === 'host' ? 'this machine' : picked.join(', ');
  const tabRow = job && tab !== null ? job.targets.find((t) => rowKey(t) === tab) : undefined;
  const tabStatus = tabRow && job ? rowStatus(tabRow, job) : null;
  const placeholder = !job
    ? verified
      ? null
      : 'Build output appears here.'
    : tabRow && tabStatus === 'queued'
      ? `${rowName(tabRow)} is queued: its output appears here once it starts.`
      : tabRow && tabStatus === 'unavailable'
        ? `${rowName(tabRow)} was not built: it can't be built here (see its reason above).`
        : null;

  return (
    <Panel
      title="Build"
      className="build-panel"
      testId="build-panel"
      busy={running}
      actions={
        <>
          <button
            type="button"
            className="ghost settings-summary"
            data-testid="settings-summary"
            onClick={openSettings}
            title={`Build settings (${MOD}+,): they apply to every build`}
          >
            ⚙ {saved ? describeSettings(saved, defaultProfile) : 'settings'}
          </button>
          <button
            type="button"
            className="primary"
            data-testid="build-button"
            disabled={!project || running || starting || picked.length === 0}
            onClick={() => project && void startBuild(project.root)}
            title={project ? `Build ${project.name ?? baseName(project.root)} for ${what} (${MOD}+B)` : 'Open a project first'}
            aria-keyshortcuts={`${ARIA_MOD}+B`}
          >
            {starting ? 'Starting…' : picked.length > 1 ? `Build ${picked.length} targets` : 'Build'}
          </button>
          <button
            type="button"
            data-testid="cancel-button"
            className="danger"
            disabled={!job || job.status !== 'running'}
            onClick={() => void cancelActiveJob()}
            title={many ? 'Cancel every target of the running build (Esc)' : 'Cancel the running job (Esc)'}
            aria-keyshortcuts="Escape"
          >
            {many ? 'Cancel all' : 'Cancel'}
          </button>
          <button type="button" className="ghost" onClick={() => clearTerminal()} title="Clear the terminal">
            Clear
          </button>
        </>
      }
    >
      <TargetPicker />
      <div className="build-status-row">
        {job ? (
          <div className={`build-status status-${job.status}`} data-testid="build-status" data-status={job.status} role="status" aria-live="polite">
            {running ? <span className="spinner" aria-hidden="true" /> : null}
            <span className="build-status-text">{statusText(job)}</span>
            <span className="muted build-title">{job.title}</span>
          </div>
        ) : (
          <div className="build-status muted" data-testid="build-status" data-status="idle">
            {project ? `Ready. Press Build (${MOD}+B) to build ${what}.` : 'Open a project to build it.'}
          </div>
        )}
      </div>
      {job && job.kind === 'build' ? <TargetMatrix job={job} /> : null}
      {job?.message ? <div className="job-message">{job.message}</div> : null}
      {job?.kind === 'build' && job.targets.length > 0 ? <OutputTabs job={job} selected={tab} onSelect={setTab} /> : null}
      <Terminal placeholder={placeholder} />
      {failures.map((t) => (t.result ? <Failure key={rowKey(t)} r={t.result} name={rowName(t)} /> : null))}
    </Panel>
  );
}

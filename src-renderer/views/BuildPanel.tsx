import type { BuildProfile, TargetResult } from '../../src-main/common/domain';
import { FixView } from '../components/FixView';
import { Panel } from '../components/Panel';
import { ProgressBar } from '../components/ProgressBar';
import { Terminal } from '../components/Terminal';
import { activeJob, cancelActiveJob, isRunning, setProfile, startBuild, useBuildStore, type Job, type TargetProgress } from '../store/build';
import { useProjectStore } from '../store/project';
import { useWheelsStore } from '../store/wheels';
import { clearTerminal } from '../store/terminal-sink';
import { humanDuration, humanSize } from '../util/format';
import { baseName } from '../util/paths';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const MOD = isMac ? '⌘' : 'Ctrl';

function statusText(job: Job): string {
  const what = job.kind === 'build' ? 'Build' : 'Install';
  switch (job.status) {
    case 'running':
      return job.kind === 'build' ? 'Building…' : 'Installing…';
    case 'cancelling':
      return 'Cancelling…';
    case 'succeeded':
      return `${what} succeeded${job.finishedAt ? ` in ${humanDuration(job.finishedAt - job.startedAt)}` : ''}`;
    case 'failed':
      return `${what} failed`;
    case 'cancelled':
      return `${what} cancelled`;
  }
}

function TargetRow({ t, job }: { readonly t: TargetProgress; readonly job: Job }) {
  const r = t.result;
  const tone = r ? (r.status === 'ok' ? 'ok' : r.status === 'cancelled' ? 'cancelled' : 'failed') : job.status === 'cancelled' ? 'cancelled' : 'running';
  let detail: string;
  if (r) {
    detail =
      r.status === 'ok'
        ? `done in ${humanDuration(r.durationMs)}${r.peakRssBytes > 0 ? ` · peak ${humanSize(r.peakRssBytes)}` : ''}`
        : r.status;
  } else if (t.current) {
    detail = `compiling ${t.current}${t.unitsTotal > 0 ? ` (${t.unitsDone}/${t.unitsTotal})` : ''}`;
  } else if (t.unitsTotal > 0) {
    detail = `${t.unitsDone}/${t.unitsTotal}`;
  } else {
    detail = 'starting…';
  }
  const label = t.strategy ? `${t.target} · ${t.strategy}` : t.target;
  return <ProgressBar label={label} percent={t.percent} detail={detail} tone={tone} />;
}

function Failure({ r }: { readonly r: TargetResult }) {
  return (
    <div className="failure" data-testid="build-failure">
      <div className="failure-head">
        <strong>{r.target}</strong> {r.status === 'unavailable' ? 'is unavailable' : 'failed'}
        {r.reason ? <>: {r.reason}</> : null}
      </div>
      {r.explanation ? (
        <div className="explanation" data-testid="build-explanation">
          <div className="explanation-title">{r.explanation.title}</div>
          <div className="explanation-cause">{r.explanation.cause}</div>
          <FixView fix={r.explanation.fix} />
        </div>
      ) : null}
    </div>
  );
}

export function BuildPanel() {
  const project = useProjectStore((s) => s.project);
  const job = useBuildStore(activeJob);
  const starting = useBuildStore((s) => s.starting);
  const profile = useBuildStore((s) => s.profile);
  const running = isRunning(job);
  // Verifications write into the terminal too.
  const verified = useWheelsStore((s) => Object.keys(s.verifications).length > 0);

  const targets = job ? job.targetOrder.map((name) => job.targets[name]).filter((t): t is TargetProgress => t !== undefined) : [];
  const failures = job?.result?.targets.filter((t) => t.status === 'failed' || t.status === 'unavailable') ?? [];

  return (
    <Panel
      title="Build"
      className="build-panel"
      testId="build-panel"
      busy={running}
      actions={
        <>
          <label className="inline-label" htmlFor="build-profile">
            Profile
          </label>
          <select
            id="build-profile"
            value={profile}
            onChange={(e) => setProfile(e.target.value as BuildProfile | 'default')}
            disabled={running}
          >
            <option value="default">default</option>
            <option value="release">release</option>
            <option value="dev">dev</option>
            <option value="low-memory">low-memory</option>
          </select>
          <button
            type="button"
            className="primary"
            data-testid="build-button"
            disabled={!project || running || starting}
            onClick={() => project && void startBuild(project.root)}
            title={project ? `Build ${project.name ?? baseName(project.root)} for this machine (${MOD}+B)` : 'Open a project first'}
            aria-keyshortcuts={isMac ? 'Meta+B' : 'Control+B'}
          >
            {starting ? 'Starting…' : 'Build'}
          </button>
          <button
            type="button"
            data-testid="cancel-button"
            className="danger"
            disabled={!job || job.status !== 'running'}
            onClick={() => void cancelActiveJob()}
            title="Cancel the running job (Esc)"
            aria-keyshortcuts="Escape"
          >
            Cancel
          </button>
          <button type="button" className="ghost" onClick={clearTerminal} title="Clear the terminal">
            Clear
          </button>
        </>
      }
    >
      <div className="build-status-row">
        {job ? (
          <div className={`build-status status-${job.status}`} data-testid="build-status" data-status={job.status} role="status" aria-live="polite">
            {running ? <span className="spinner" aria-hidden="true" /> : null}
            <span className="build-status-text">{statusText(job)}</span>
            <span className="muted build-title">{job.title}</span>
          </div>
        ) : (
          <div className="build-status muted" data-testid="build-status" data-status="idle">
            {project ? `Ready. Press Build (${MOD}+B) to build a wheel for this machine.` : 'Open a project to build it.'}
          </div>
        )}
      </div>
      {job && job.kind === 'build' ? (
        <div className="targets">
          {targets.length === 0 && running ? <ProgressBar label="Preparing" percent={null} detail="planning the build…" /> : null}
          {targets.map((t) => (
            <TargetRow key={t.target} t={t} job={job} />
          ))}
        </div>
      ) : null}
      {job?.message ? <div className="job-message">{job.message}</div> : null}
      {failures.map((r) => (
        <Failure key={r.target} r={r} />
      ))}
      {job?.result?.logFile ? (
        <div className="log-file muted">
          Log: <code>{job.result.logFile}</code>
        </div>
      ) : null}
      <Terminal placeholder={job || verified ? null : 'Build output appears here.'} />
    </Panel>
  );
}

import type { DoctorCheck, ManagedTool } from '../../src-main/common/domain';
import { FixView } from '../components/FixView';
import { Panel } from '../components/Panel';
import { RichText } from '../components/RichText';
import { StatusIcon } from '../components/StatusIcon';
import { activeJob, isRunning, useBuildStore } from '../store/build';
import { installManagedTools, runDoctor, useToolchainStore } from '../store/toolchain';
import { humanDuration } from '../util/format';

/** maturin and zig can be installed into Wheelbench's managed tools dir with one click. */
function managedToolFor(check: DoctorCheck): ManagedTool | null {
  if (check.status !== 'error' && check.status !== 'warn') return null;
  const m = /^tool\.(maturin|zig)$/.exec(check.id);
  return m ? (m[1] as ManagedTool) : null;
}

function CheckRow({ check, busy }: { readonly check: DoctorCheck; readonly busy: boolean }) {
  const tool = managedToolFor(check);
  return (
    <li className={`check check-${check.status}`} data-testid="doctor-check" data-status={check.status} data-check-id={check.id}>
      <StatusIcon status={check.status} />
      <div className="check-body">
        <div className="check-title">{check.title}</div>
        {check.detail ? (
          <div className="check-detail">
            <RichText text={check.detail} />
          </div>
        ) : null}
        {check.fix && check.status !== 'ok' ? <FixView fix={check.fix} /> : null}
        {tool ? (
          <button type="button" className="small" disabled={busy} onClick={() => void installManagedTools([tool])}>
            Install managed {tool}
          </button>
        ) : null}
      </div>
    </li>
  );
}

export function DoctorPanel() {
  const { report, running } = useToolchainStore();
  const jobBusy = useBuildStore((s) => isRunning(activeJob(s)));

  const counts = { ok: 0, warn: 0, error: 0, skip: 0 };
  for (const c of report?.checks ?? []) counts[c.status]++;

  return (
    <Panel
      title="Doctor"
      testId="doctor-panel"
      className="doctor-panel"
      busy={running}
      actions={
        <button type="button" data-testid="doctor-recheck" onClick={() => void runDoctor()} disabled={running}>
          {running ? 'Checking…' : report ? 'Re-check' : 'Run doctor'}
        </button>
      }
    >
      {report ? (
        <div className="doctor-summary" aria-live="polite">
          <span className="count-ok">{counts.ok} ok</span>
          {counts.warn ? <span className="count-warn">{counts.warn} warning{counts.warn > 1 ? 's' : ''}</span> : null}
          {counts.error ? <span className="count-error">{counts.error} error{counts.error > 1 ? 's' : ''}</span> : null}
          {counts.skip ? <span className="muted">{counts.skip} skipped</span> : null}
          <span className="muted">· {humanDuration(report.durationMs)}</span>
          {running ? <span className="spinner" aria-label="Checking" /> : null}
        </div>
      ) : running ? (
        <div className="loading" role="status">
          <span className="spinner" aria-hidden="true" /> Checking the toolchain…
        </div>
      ) : (
        <p className="empty">Check rustc, cargo, maturin, zig, Python and friends.</p>
      )}
      {report ? (
        <ul className={`checks ${running ? 'stale' : ''}`}>
          {report.checks.map((c) => (
            <CheckRow key={c.id} check={c} busy={jobBusy} />
          ))}
        </ul>
      ) : null}
    </Panel>
  );
}

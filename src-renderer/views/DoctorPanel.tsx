import { useEffect, useRef, useState } from 'react';
import type { DoctorCheck, Fix, ManagedTool } from '../../src-main/common/domain';
import { ConfirmFixDialog } from '../components/ConfirmFixDialog';
import { FixView } from '../components/FixView';
import { Panel } from '../components/Panel';
import { RichText } from '../components/RichText';
import { StatusIcon } from '../components/StatusIcon';
import { XTermView } from '../components/Terminal';
import { activeJob, isRunning, useBuildStore } from '../store/build';
import { attachFixTerminal, clearFixTerminal } from '../store/fix-terminal';
import { installManagedTools, isFixRunning, requestFix, runDoctor, toggleTarget, useToolchainStore, type FixJob } from '../store/toolchain';
import { groupByArea, isProblem, TARGET_CHOICES, type DoctorArea } from '../util/doctor-areas';
import { humanDuration } from '../util/format';

/** Reports from before runnable fixes: maturin and zig install into the managed tools dir with one click. */
function managedToolFor(check: DoctorCheck): ManagedTool | null {
  if (!isProblem(check) || check.fix?.id) return null;
  const m = /^tool\.(maturin|zig)$/.exec(check.id);
  return m ? (m[1] as ManagedTool) : null;
}

const runnable = (fix: Fix | undefined): fix is Fix & { id: string } => typeof fix?.id === 'string';

function CheckRow({ check, busy }: { readonly check: DoctorCheck; readonly busy: boolean }) {
  const tool = managedToolFor(check);
  const fix = check.status !== 'ok' ? check.fix : undefined;
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
        {fix ? <FixView fix={fix} /> : null}
        {runnable(fix) ? (
          <button
            type="button"
            className={`small ${check.status === 'error' ? 'primary' : ''}`}
            data-testid="fix-button"
            disabled={busy}
            onClick={() => void requestFix(fix, check.title)}
            title={fix.needsConfirmation ? 'Shows the exact command and asks before running it' : `Runs: ${fix.command ?? fix.summary}`}
          >
            {fix.needsConfirmation ? 'Fix…' : 'Fix'}
          </button>
        ) : null}
        {tool ? (
          <button type="button" className="small" disabled={busy} onClick={() => void installManagedTools([tool])}>
            Install managed {tool}
          </button>
        ) : null}
      </div>
    </li>
  );
}

function AreaGroup({ area, busy }: { readonly area: DoctorArea; readonly busy: boolean }) {
  const [open, setOpen] = useState(area.problems > 0);
  // A problem appearing after a re-check opens its area.
  useEffect(() => {
    if (area.problems > 0) setOpen(true);
  }, [area.problems]);
  return (
    <li className={`area area-${area.status}`} data-testid="doctor-area" data-area={area.name} data-status={area.status}>
      <button type="button" className="area-head" aria-expanded={open} onClick={() => setOpen(!open)}>
        <span className="area-caret" aria-hidden="true">
          {open ? '▾' : '▸'}
        </span>
        <StatusIcon status={area.status} />
        <span className="area-name">{area.name}</span>
        <span className="area-headline">{area.headline}</span>
      </button>
      <ul className="checks" hidden={!open}>
        {area.checks.map((check) => (
          <CheckRow key={check.id} check={check} busy={busy} />
        ))}
      </ul>
    </li>
  );
}

function DoctorTargets({ targets, disabled }: { readonly targets: readonly string[]; readonly disabled: boolean }) {
  return (
    <div className="doctor-targets" role="group" aria-label="Targets the doctor checks" data-testid="doctor-targets">
      <span className="inline-label">Targets</span>
      {TARGET_CHOICES.map((target) => (
        <label key={target} className={`chip ${targets.includes(target) ? 'chip-on' : ''}`}>
          <input type="checkbox" checked={targets.includes(target)} disabled={disabled} onChange={() => toggleTarget(target)} />
          {target}
        </label>
      ))}
    </div>
  );
}

const attachToFixes = (term: { write(data: string, done?: () => void): void; clear(): void }) =>
  attachFixTerminal({ write: (data, done) => term.write(data, done), clear: () => term.clear() });

const FIX_STATUS: Readonly<Record<FixJob['status'], string>> = { running: 'Running', succeeded: 'Fixed', failed: 'Fix failed' };

/** The live terminal of the running (or last) fix, with its outcome. */
function FixConsole({ fix, onClose }: { readonly fix: FixJob; readonly onClose: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' }), [fix.jobId]);
  return (
    <div className={`fix-console fix-${fix.status}`} ref={ref} data-testid="fix-console" data-status={fix.status} role="region" aria-label="Fix output">
      <div className="fix-console-head">
        {fix.status === 'running' ? <span className="spinner" aria-hidden="true" /> : <StatusIcon status={fix.status === 'succeeded' ? 'ok' : 'error'} />}
        <span className="fix-console-title">
          {FIX_STATUS[fix.status]}: {fix.title}
        </span>
        <button type="button" className="small ghost" onClick={onClose} disabled={fix.status === 'running'} title="Hide the fix output">
          Close
        </button>
      </div>
      <XTermView onReady={attachToFixes} label="Fix output" testId="fix-terminal" />
      {fix.message ? (
        <div className="fix-message" data-testid="fix-message" role="status">
          <RichText text={fix.message} />
        </div>
      ) : null}
    </div>
  );
}

export function DoctorPanel() {
  const { report, running, targets, fix, confirming } = useToolchainStore();
  const jobBusy = useBuildStore((s) => isRunning(activeJob(s)));
  const fixBusy = useToolchainStore(isFixRunning);

  const counts = { ok: 0, warn: 0, error: 0, skip: 0 };
  for (const c of report?.checks ?? []) counts[c.status]++;
  const closeFix = () => {
    clearFixTerminal();
    useToolchainStore.setState({ fix: null });
  };

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
      <DoctorTargets targets={targets} disabled={running} />
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
      {fix ? <FixConsole fix={fix} onClose={closeFix} /> : null}
      {report ? (
        <ul className={`areas ${running ? 'stale' : ''}`}>
          {groupByArea(report.checks).map((area) => (
            <AreaGroup key={area.name} area={area} busy={jobBusy || fixBusy} />
          ))}
        </ul>
      ) : null}
      {confirming ? <ConfirmFixDialog pending={confirming} /> : null}
    </Panel>
  );
}

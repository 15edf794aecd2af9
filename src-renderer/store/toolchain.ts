import { create } from 'zustand';
import type { DoctorReport, Fix, ManagedTool } from '../../src-main/common/domain';
import type { EventOf } from '../../src-main/common/events';
import { api, isConnectionLost, toApiError } from '../api';
import { showError } from './errors';
import { noteJobRequested } from './build';

/** A doctor fix running (or just run) in the doctor's terminal. */
export interface FixJob {
  readonly jobId: string;
  readonly fixId: string;
  readonly title: string;
  readonly status: 'running' | 'succeeded' | 'failed';
  /** What happened; on failure, why and what to do instead. */
  readonly message: string | null;
}

/** A fix that changes the system, waiting for the user to agree to its command. */
export interface PendingConfirmation {
  readonly fix: Fix & { readonly id: string };
  readonly checkTitle: string;
}

interface ToolchainState {
  readonly report: DoctorReport | null;
  readonly running: boolean;
  /** When the last report arrived (ms since epoch). */
  readonly checkedAt: number | null;
  /** Targets the doctor also checks (`wheelbench doctor --target`). */
  readonly targets: readonly string[];
  readonly fix: FixJob | null;
  readonly confirming: PendingConfirmation | null;
}

export const useToolchainStore = create<ToolchainState>()(() => ({
  report: null,
  running: false,
  checkedAt: null,
  targets: ['host'],
  fix: null,
  confirming: null,
}));

let generation = 0;

export async function runDoctor(): Promise<void> {
  const mine = ++generation;
  useToolchainStore.setState({ running: true });
  try {
    const targets = useToolchainStore.getState().targets;
    const report = await api().runDoctor(targets.length ? { targets: [...targets] } : {});
    if (mine === generation) useToolchainStore.setState({ report, checkedAt: Date.now() });
  } catch (err) {
    // A dropped connection is already on screen, and the doctor re-runs on reconnect.
    if (!isConnectionLost(err)) showError(err, 'Running the doctor');
  } finally {
    if (mine === generation) useToolchainStore.setState({ running: false });
  }
}

/** Adds or removes a target from the doctor's checks, and re-checks. */
export function toggleTarget(target: string): void {
  const { targets } = useToolchainStore.getState();
  useToolchainStore.setState({ targets: targets.includes(target) ? targets.filter((t) => t !== target) : [...targets, target] });
  void runDoctor();
}

/** Managed maturin/zig installs stream into the build terminal like a build. */
export async function installManagedTools(tools: ManagedTool[]): Promise<void> {
  try {
    const { jobId } = await api().installManagedTools({ tools });
    noteJobRequested(jobId, 'tool-install', `Installing ${tools.join(' and ')}`);
  } catch (err) {
    showError(err, `Installing ${tools.join(' and ')}`);
  }
}

export function isFixRunning(s: ToolchainState = useToolchainStore.getState()): boolean {
  return s.fix?.status === 'running';
}

/**
 * The Fix button: a fix that changes the system asks first (the exact command is shown); any other runs at
 * once. A fix whose need for confirmation only the core knows (from a build explanation) asks when told.
 */
export async function requestFix(fix: Fix & { readonly id: string }, checkTitle: string): Promise<void> {
  if (fix.needsConfirmation) {
    useToolchainStore.setState({ confirming: { fix, checkTitle } });
    return;
  }
  await startFix(fix, checkTitle, false);
}

export async function confirmFix(): Promise<void> {
  const pending = useToolchainStore.getState().confirming;
  if (!pending) return;
  useToolchainStore.setState({ confirming: null });
  await startFix(pending.fix, pending.checkTitle, true);
}

export function cancelConfirmation(): void {
  useToolchainStore.setState({ confirming: null });
}

async function startFix(fix: Fix & { readonly id: string }, checkTitle: string, confirmed: boolean): Promise<void> {
  if (isFixRunning()) return;
  try {
    const { jobId } = await api().runDoctorFix({ id: fix.id, ...(confirmed ? { confirmed } : {}) });
    // Its events may have come first (even its end): keep their status, add what only we know.
    useToolchainStore.setState((s) => {
      const known = s.fix?.jobId === jobId ? s.fix : null;
      return { fix: { jobId, fixId: fix.id, title: checkTitle, status: known?.status ?? 'running', message: known?.message ?? null } };
    });
  } catch (err) {
    const e = toApiError(err);
    if (e.code === 'needs-confirmation' && e.fix?.command) {
      useToolchainStore.setState({ confirming: { fix: { ...fix, command: e.fix.command, needsConfirmation: true }, checkTitle } });
      return;
    }
    showError(err, `Fixing ${checkTitle}`);
  }
}

/** job-started for a doctor fix (it may arrive before runDoctorFix returns). */
export function fixStarted(ev: EventOf<'job-started'>): void {
  useToolchainStore.setState((s) => (s.fix?.jobId === ev.jobId ? s : { fix: { jobId: ev.jobId, fixId: '', title: ev.title, status: 'running', message: null } }));
}

export function fixFinished(ev: EventOf<'fix-finished'>): void {
  useToolchainStore.setState((s) => ({
    fix: { jobId: ev.jobId, fixId: ev.fixId, title: s.fix?.jobId === ev.jobId ? s.fix.title : ev.fixId, status: ev.ok ? 'succeeded' : 'failed', message: ev.message },
  }));
  // Whatever happened, the toolchain may have changed: re-check it.
  void runDoctor();
}

/** After a reconnect: a fix that was running may have ended while its events could not reach us. */
export function resyncFix(): void {
  const fix = useToolchainStore.getState().fix;
  if (!fix || fix.status !== 'running') return;
  api()
    .waitForJob({ jobId: fix.jobId })
    .then((outcome) => {
      if (outcome.kind === 'doctor-fix') fixFinished({ type: 'fix-finished', jobId: fix.jobId, fixId: outcome.fixId, ok: outcome.ok, message: outcome.message });
    })
    .catch((err: unknown) => {
      if (!isConnectionLost(err)) {
        useToolchainStore.setState({ fix: { ...fix, status: 'failed', message: 'Wheelbench no longer knows this fix (was it restarted?). Re-check to see where things stand.' } });
      }
    });
}

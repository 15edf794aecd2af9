import { create } from 'zustand';
import type { WheelSummary } from '../../src-main/common/domain';
import type { EventOf } from '../../src-main/common/events';
import type { WheelReport } from '../../src-main/common/wheel-report';
import { api, isConnectionLost } from '../api';
import { baseName } from '../util/paths';
import { showError } from './errors';
import type { Verification } from './verification';
import { uploadWheel } from './wheel-upload';

export type { Verification };

interface WheelsState {
  /** The directory listed (the open project's dist dir), when any. */
  readonly dir: string | null;
  readonly items: readonly WheelSummary[];
  /** Paths of wheels produced by a build in this session, to mark them new. */
  readonly fresh: readonly string[];
  /** Paths of wheels dropped on the window (inspected from wherever they are). */
  readonly dropped: readonly string[];
  readonly loading: boolean;
  /** Inspection reports by wheel path. */
  readonly reports: Readonly<Record<string, WheelReport>>;
  /** Wheels being inspected right now. */
  readonly inspecting: readonly string[];
  readonly verifications: Readonly<Record<string, Verification>>;
  /** A dropped file on its way up (web mode), with progress 0–1. */
  readonly upload: { readonly fileName: string; readonly progress: number } | null;
}

const initial = { dir: null, items: [], fresh: [], dropped: [], loading: false, reports: {}, inspecting: [], verifications: {}, upload: null };

export const useWheelsStore = create<WheelsState>()(() => initial);

function byPath(items: readonly WheelSummary[]): WheelSummary[] {
  const seen = new Set<string>();
  return items.filter((w) => (seen.has(w.path) ? false : (seen.add(w.path), true)));
}

export function clearWheels(): void {
  useWheelsStore.setState((s) => ({ ...initial, reports: s.reports, verifications: s.verifications }));
}

/** List the wheels already in a directory (a missing directory is simply empty), then inspect them. */
export async function loadWheels(dir: string): Promise<void> {
  useWheelsStore.setState({ dir, loading: true });
  try {
    const items = await api().listWheels({ dir });
    if (useWheelsStore.getState().dir !== dir) return;
    useWheelsStore.setState((s) => ({
      items: byPath([...s.items.filter((w) => s.fresh.includes(w.path) || s.dropped.includes(w.path)), ...items]),
    }));
    for (const wheel of items) await inspectWheel(wheel.path);
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code !== 'not-found' && !isConnectionLost(err)) showError(err, `Listing wheels in ${dir}`);
  } finally {
    if (useWheelsStore.getState().dir === dir) useWheelsStore.setState({ loading: false });
  }
}

/** Wheels a build just produced go on top, and are verified where they can run. */
export function addBuiltWheels(wheels: readonly WheelSummary[], projectDir: string | null): void {
  if (wheels.length === 0) return;
  useWheelsStore.setState((s) => ({
    items: byPath([...wheels, ...s.items]),
    fresh: [...new Set([...wheels.map((w) => w.path), ...s.fresh])],
  }));
  for (const wheel of wheels) void verifyWheel(wheel.path, projectDir);
}

export function setReport(report: WheelReport): void {
  useWheelsStore.setState((s) => ({ reports: { ...s.reports, [report.path]: report } }));
}

export async function inspectWheel(path: string): Promise<WheelReport | null> {
  if (useWheelsStore.getState().inspecting.includes(path)) return null;
  useWheelsStore.setState((s) => ({ inspecting: [...s.inspecting, path] }));
  try {
    const report = await api().inspectWheel({ path });
    setReport(report);
    return report;
  } catch (err) {
    if (!isConnectionLost(err)) showError(err, `Inspecting ${baseName(path)}`);
    return null;
  } finally {
    useWheelsStore.setState((s) => ({ inspecting: s.inspecting.filter((p) => p !== path) }));
  }
}

export async function verifyWheel(path: string, projectDir: string | null): Promise<void> {
  const current = useWheelsStore.getState().verifications[path];
  if (current?.status === 'running') return;
  try {
    const { jobId } = await api().verifyWheel(projectDir ? { path, projectDir } : { path });
    setVerification(path, { status: 'running', jobId });
  } catch (err) {
    setVerification(path, { status: 'done', ok: false, execution: null, message: (err as Error).message });
    if (!isConnectionLost(err)) showError(err, `Verifying ${baseName(path)}`);
  }
}

function setVerification(path: string, verification: Verification): void {
  useWheelsStore.setState((s) => ({ verifications: { ...s.verifications, [path]: verification } }));
}

/** The verification a job belongs to, by the job id its start call returned. */
function pathOfJob(jobId: string): string | null {
  const entry = Object.entries(useWheelsStore.getState().verifications).find(([, v]) => v.status === 'running' && v.jobId === jobId);
  return entry ? entry[0] : null;
}

export function applyVerifyWaiting(ev: EventOf<'verify-waiting'>): void {
  const path = pathOfJob(ev.jobId);
  if (path) setVerification(path, { status: 'running', jobId: ev.jobId, waiting: ev.waiting });
}

export function applyVerifyFinished(ev: EventOf<'verify-finished'>): void {
  const path = ev.report?.wheel ?? pathOfJob(ev.jobId);
  if (!path) return;
  if (ev.report) setReport(ev.report.inspection);
  setVerification(path, { status: 'done', ok: ev.ok, execution: ev.report?.execution ?? null, message: ev.message });
}

/** After a reconnect: verifications that finished while events could not arrive. */
export function resyncVerifications(): void {
  for (const [path, v] of Object.entries(useWheelsStore.getState().verifications)) {
    if (v.status !== 'running') continue;
    api()
      .waitForJob({ jobId: v.jobId })
      .then((outcome) => {
        if (outcome.kind === 'verify') applyVerifyFinished({ type: 'verify-finished', jobId: v.jobId, ok: outcome.ok, report: outcome.report, message: outcome.message });
      })
      .catch((err: unknown) => {
        if (!isConnectionLost(err)) setVerification(path, { status: 'done', ok: false, execution: null, message: 'Wheelbench no longer knows this verification (was it restarted?).' });
      });
  }
}

/** A wheel file dropped on the window: inspect it from its path (desktop) or upload it (web). */
export async function inspectDroppedFile(file: File, pathOf: ((file: File) => string) | null): Promise<void> {
  if (!file.name.endsWith('.whl')) {
    showError({ code: 'invalid-arguments', message: `${file.name} is not a wheel: drop a .whl file.` }, 'Inspecting a dropped file');
    return;
  }
  let path = pathOf?.(file) || null;
  if (!path) {
    useWheelsStore.setState({ upload: { fileName: file.name, progress: 0 } });
    try {
      path = await uploadWheel(file, (progress) => useWheelsStore.setState({ upload: { fileName: file.name, progress } }));
    } catch (err) {
      showError(err, `Uploading ${file.name}`);
      return;
    } finally {
      useWheelsStore.setState({ upload: null });
    }
  }
  const report = await inspectWheel(path);
  if (!report) return;
  const summary: WheelSummary = { fileName: report.fileName, path: report.path, sizeBytes: report.sizeBytes, tags: report.tags };
  useWheelsStore.setState((s) => ({ items: byPath([summary, ...s.items]), dropped: [...new Set([report.path, ...s.dropped])] }));
}

export async function revealWheel(path: string): Promise<void> {
  try {
    await api().revealInFolder({ path });
  } catch (err) {
    showError(err, 'Opening the folder');
  }
}

import { create } from 'zustand';
import type { BuildResult, Strategy, TargetResult, TargetStatus } from '../../src-main/common/domain';
import type { EventOf, JobKind, WheelbenchEvent } from '../../src-main/common/events';
import { api } from '../api';
import { showError } from './errors';
import { orderedSelection, setPickerOpen, targetInfo } from './targets';

export type JobStatus = 'running' | 'cancelling' | 'succeeded' | 'failed' | 'cancelled';

/** What a matrix row shows: the engine's TargetStatus, or where a target is before it has one. */
export type RowStatus = 'queued' | 'building' | 'cancelling' | TargetStatus;

/** One target of a build: one row of the matrix. */
export interface TargetProgress {
  /** The name the engine uses for it (a triple) once it has spoken; until then what was requested. */
  readonly target: string;
  /** What the user picked (an alias, or host); null for a target only the engine named. */
  readonly requested: string | null;
  /** The triple the target is expected to build as (null for host, which the engine resolves). */
  readonly expected: string | null;
  /** The engine has named this target (an event about it arrived). */
  readonly named: boolean;
  readonly started: boolean;
  readonly cancelRequested: boolean;
  readonly strategy: Strategy | null;
  readonly percent: number;
  readonly unitsDone: number;
  readonly unitsTotal: number;
  /** The crate being compiled, when known. */
  readonly current: string | null;
  readonly result: TargetResult | null;
}

export interface Job {
  readonly jobId: string;
  readonly kind: JobKind;
  readonly title: string;
  readonly status: JobStatus;
  /** The build's targets, in the order requested (targets only the engine named come last). */
  readonly targets: readonly TargetProgress[];
  readonly result: BuildResult | null;
  /** For tool installs: the final message. */
  readonly message: string | null;
  readonly startedAt: number;
  readonly finishedAt: number | null;
}

interface BuildState {
  readonly jobs: Readonly<Record<string, Job>>;
  /** The job the build panel shows: the most recently started one. */
  readonly activeJobId: string | null;
  /** A startBuild call is on its way (before the job id is known). */
  readonly starting: boolean;
}

export const useBuildStore = create<BuildState>()(() => ({
  jobs: {},
  activeJobId: null,
  starting: false,
}));

export function isRunning(job: Job | null | undefined): boolean {
  return job !== null && job !== undefined && (job.status === 'running' || job.status === 'cancelling');
}

export function activeJob(s: BuildState = useBuildStore.getState()): Job | null {
  return s.activeJobId ? (s.jobs[s.activeJobId] ?? null) : null;
}

function newJob(jobId: string, kind: JobKind, title: string): Job {
  return {
    jobId,
    kind,
    title,
    status: 'running',
    targets: [],
    result: null,
    message: null,
    startedAt: Date.now(),
    finishedAt: null,
  };
}

/** Apply a change to a job, creating it if its events arrive before the call that started it returns. */
function updateJob(jobId: string, kind: JobKind, change: (job: Job) => Job, activate = false): void {
  useBuildStore.setState((s) => {
    const job = change(s.jobs[jobId] ?? newJob(jobId, kind, kind === 'build' ? 'Build' : 'Installing tools'));
    return {
      jobs: { ...s.jobs, [jobId]: job },
      activeJobId: activate || s.activeJobId === null ? jobId : s.activeJobId,
    };
  });
}

const blankTarget = (target: string, requested: string | null, expected: string | null, named: boolean): TargetProgress => ({
  target,
  requested,
  expected,
  named,
  started: false,
  cancelRequested: false,
  strategy: null,
  percent: 0,
  unitsDone: 0,
  unitsTotal: 0,
  current: null,
  result: null,
});

/** Whether a triple the engine names is the one a row expects (Windows MSVC may build as its GNU twin). */
function isExpected(expected: string | null, triple: string): boolean {
  return expected !== null && (expected === triple || expected === triple.replace(/-windows-gnu$/, '-windows-msvc'));
}

/**
 * The row an engine event about `triple` belongs to: the row already named so, else a requested row
 * expecting that triple, else the host row (whose triple only the engine knows), else a new row.
 */
function rowIndexFor(rows: readonly TargetProgress[], triple: string): number {
  const named = rows.findIndex((r) => r.named && r.target === triple);
  if (named >= 0) return named;
  const expected = rows.findIndex((r) => !r.named && isExpected(r.expected, triple));
  if (expected >= 0) return expected;
  return rows.findIndex((r) => !r.named && r.expected === null);
}

function updateTarget(job: Job, triple: string, change: (t: TargetProgress) => TargetProgress): Job {
  const i = rowIndexFor(job.targets, triple);
  const prev = i >= 0 ? (job.targets[i] as TargetProgress) : blankTarget(triple, null, null, true);
  const next = change({ ...prev, target: triple, named: true });
  return { ...job, targets: i >= 0 ? job.targets.map((r, j) => (j === i ? next : r)) : [...job.targets, next] };
}

/**
 * The rows of a build as requested, before the engine says anything about them (queued). Rows the
 * engine already named (its events can beat the startBuild answer) are claimed by what was requested.
 */
function seedTargets(job: Job, requested: readonly { readonly name: string; readonly expected: string | null }[]): Job {
  const rows = job.targets;
  const claimed = new Set<TargetProgress>();
  const seeded: TargetProgress[] = [];
  for (const { name, expected } of requested) {
    const unclaimed = (r: TargetProgress) => r.requested === null && !claimed.has(r);
    const claim =
      rows.find((r) => unclaimed(r) && isExpected(expected, r.target)) ??
      (expected === null ? rows.find((r) => unclaimed(r) && !requested.some((q) => isExpected(q.expected, r.target))) : undefined);
    if (claim) claimed.add(claim);
    seeded.push(claim ? { ...claim, requested: name, expected } : blankTarget(name, name, expected, false));
  }
  return { ...job, targets: [...seeded, ...rows.filter((r) => !claimed.has(r))] };
}

/** A build's requested targets, as queued rows (from startBuild, once the job id is known). */
export function seedRequestedTargets(jobId: string, requested: readonly { readonly name: string; readonly expected: string | null }[]): void {
  updateJob(jobId, 'build', (j) => seedTargets(j, requested));
}

/** Where a row is: its result's status, or queued / building / cancelling while the build runs. */
export function rowStatus(t: TargetProgress, job: Job): RowStatus {
  if (t.result) return t.result.status;
  if (!isRunning(job)) return job.status === 'cancelled' ? 'cancelled' : 'failed';
  if (t.cancelRequested || job.status === 'cancelling') return 'cancelling';
  return t.started ? 'building' : 'queued';
}

/** The overall outcome of a build from its targets. */
export function outcomeOf(result: BuildResult): JobStatus {
  if (result.targets.some((t) => t.status === 'cancelled')) return 'cancelled';
  if (result.targets.length > 0 && result.targets.every((t) => t.status === 'ok')) return 'succeeded';
  return 'failed';
}

/** Called when a start call returns its job id (the job-started event may come before or after). */
export function noteJobRequested(jobId: string, kind: JobKind, title: string): void {
  updateJob(jobId, kind, (j) => (j.title === 'Build' || j.title === 'Installing tools' ? { ...j, title } : j), true);
}

/**
 * Build the open project for the picked targets (host alone by default). The saved settings are not
 * sent: the core merges them into every build.
 */
export async function startBuild(projectDir: string): Promise<void> {
  const s = useBuildStore.getState();
  if (s.starting || isRunning(activeJob(s))) return;
  const targets = orderedSelection();
  if (targets.length === 0) {
    showError({ code: 'invalid-arguments', message: 'Pick at least one target to build (host builds for this machine).' }, 'Starting the build');
    setPickerOpen(true);
    return;
  }
  useBuildStore.setState({ starting: true });
  try {
    const { jobId } = await api().startBuild({ projectDir, targets });
    noteJobRequested(jobId, 'build', 'Build');
    seedRequestedTargets(
      jobId,
      targets.map((name) => ({ name, expected: targetInfo(name)?.triple ?? null })),
    );
    setPickerOpen(false);
  } catch (err) {
    showError(err, 'Starting the build');
  } finally {
    useBuildStore.setState({ starting: false });
  }
}

export async function cancelActiveJob(): Promise<void> {
  const job = activeJob();
  if (!job || job.status !== 'running') return;
  updateJob(job.jobId, job.kind, (j) => (j.status === 'running' ? { ...j, status: 'cancelling' } : j));
  try {
    const { cancelled } = await api().cancelJob({ jobId: job.jobId });
    if (!cancelled) {
      // Already finished: the result event settles the status.
      updateJob(job.jobId, job.kind, (j) => (j.status === 'cancelling' ? { ...j, status: 'running' } : j));
    }
  } catch (err) {
    updateJob(job.jobId, job.kind, (j) => (j.status === 'cancelling' ? { ...j, status: 'running' } : j));
    showError(err, 'Cancelling the build');
  }
}

/**
 * Cancel one target of a build. A target the engine has named is cancelled by that name; one still
 * queued under its alias by the alias.
 */
export async function cancelTarget(jobId: string, row: TargetProgress): Promise<void> {
  const job = useBuildStore.getState().jobs[jobId];
  if (!job || job.status !== 'running' || row.result || row.cancelRequested) return;
  const key = row.requested ?? row.target;
  const find = (): TargetProgress | undefined => useBuildStore.getState().jobs[jobId]?.targets.find((t) => (t.requested ?? t.target) === key);
  const mark = (cancelRequested: boolean) =>
    updateJob(jobId, 'build', (j) => ({ ...j, targets: j.targets.map((t) => ((t.requested ?? t.target) === key && !t.result ? { ...t, cancelRequested } : t)) }));
  mark(true);
  try {
    const name = row.named ? row.target : key;
    const { cancelled } = await api().cancelJob({ jobId, target: name });
    // It started while the cancel by alias was on its way (its target-started came first): cancel the run.
    const now = find();
    if (cancelled && now?.started && !now.result && now.target !== name) await api().cancelJob({ jobId, target: now.target });
    else if (!cancelled) mark(false);
  } catch (err) {
    mark(false);
    showError(err, `Cancelling ${key}`);
  }
}

/** A job whose outcome can no longer be learned. */
export function markJobLost(jobId: string, message: string): void {
  const job = useBuildStore.getState().jobs[jobId];
  if (!job || !isRunning(job)) return;
  updateJob(jobId, job.kind, (j) => ({ ...j, status: 'failed', message, finishedAt: Date.now() }));
}

type BuildEvent = Exclude<WheelbenchEvent, EventOf<'output'>>;

/** Fold one transport event into the build slice. */
export function applyBuildEvent(ev: BuildEvent): void {
  switch (ev.type) {
    case 'job-started':
      updateJob(ev.jobId, ev.kind, (j) => ({ ...j, kind: ev.kind, title: ev.title }), true);
      return;
    case 'target-started':
      updateJob(ev.jobId, 'build', (j) => updateTarget(j, ev.target, (t) => ({ ...t, started: true, strategy: ev.strategy })));
      return;
    case 'progress':
      updateJob(ev.jobId, 'build', (j) =>
        updateTarget(j, ev.target, (t) => ({
          ...t,
          percent: Math.max(0, Math.min(100, ev.percent)),
          unitsDone: ev.unitsDone,
          unitsTotal: ev.unitsTotal,
          current: ev.current,
        })),
      );
      return;
    case 'target-finished':
      updateJob(ev.jobId, 'build', (j) =>
        updateTarget(j, ev.result.target, (t) => ({
          ...t,
          strategy: ev.result.strategy ?? t.strategy,
          percent: ev.result.status === 'ok' ? 100 : t.percent,
          current: null,
          result: ev.result,
        })),
      );
      return;
    case 'result': {
      const { jobId, type: _type, ...result } = ev;
      updateJob(jobId, 'build', (j) => {
        let next: Job = j;
        for (const r of result.targets) {
          next = updateTarget(next, r.target, (t) => ({
            ...t,
            strategy: r.strategy ?? t.strategy,
            percent: r.status === 'ok' ? 100 : t.percent,
            current: null,
            result: r,
          }));
        }
        return { ...next, result, status: outcomeOf(result), finishedAt: Date.now() };
      });
      return;
    }
    case 'tool-install-finished':
      updateJob(ev.jobId, 'tool-install', (j) => ({
        ...j,
        status: ev.ok ? 'succeeded' : j.status === 'cancelling' ? 'cancelled' : 'failed',
        message: ev.message,
        finishedAt: Date.now(),
      }));
      return;
  }
}

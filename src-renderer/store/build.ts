import { create } from 'zustand';
import type { BuildProfile, BuildResult, Strategy, TargetResult } from '../../src-main/common/domain';
import type { EventOf, JobKind, WheelbenchEvent } from '../../src-main/common/events';
import { api } from '../api';
import { showError } from './errors';

export type JobStatus = 'running' | 'cancelling' | 'succeeded' | 'failed' | 'cancelled';

export interface TargetProgress {
  readonly target: string;
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
  readonly targets: Readonly<Record<string, TargetProgress>>;
  readonly targetOrder: readonly string[];
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
  readonly profile: BuildProfile | 'default';
}

export const useBuildStore = create<BuildState>()(() => ({
  jobs: {},
  activeJobId: null,
  starting: false,
  profile: 'default',
}));

export function isRunning(job: Job | null | undefined): boolean {
  return job !== null && job !== undefined && (job.status === 'running' || job.status === 'cancelling');
}

export function activeJob(s: BuildState = useBuildStore.getState()): Job | null {
  return s.activeJobId ? (s.jobs[s.activeJobId] ?? null) : null;
}

export function setProfile(profile: BuildProfile | 'default'): void {
  useBuildStore.setState({ profile });
}

function newJob(jobId: string, kind: JobKind, title: string): Job {
  return {
    jobId,
    kind,
    title,
    status: 'running',
    targets: {},
    targetOrder: [],
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

function updateTarget(job: Job, target: string, change: (t: TargetProgress) => TargetProgress): Job {
  const prev = job.targets[target] ?? {
    target,
    strategy: null,
    percent: 0,
    unitsDone: 0,
    unitsTotal: 0,
    current: null,
    result: null,
  };
  return {
    ...job,
    targets: { ...job.targets, [target]: change(prev) },
    targetOrder: job.targetOrder.includes(target) ? job.targetOrder : [...job.targetOrder, target],
  };
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

export async function startBuild(projectDir: string): Promise<void> {
  const s = useBuildStore.getState();
  if (s.starting || isRunning(activeJob(s))) return;
  useBuildStore.setState({ starting: true });
  try {
    const profile = s.profile === 'default' ? undefined : s.profile;
    const { jobId } = await api().startBuild(profile ? { projectDir, profile } : { projectDir });
    noteJobRequested(jobId, 'build', 'Build');
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
      updateJob(ev.jobId, 'build', (j) => updateTarget(j, ev.target, (t) => ({ ...t, strategy: ev.strategy })));
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

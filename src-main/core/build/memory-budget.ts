import { readFileSync } from 'node:fs';
import { availableParallelism, freemem, totalmem } from 'node:os';
import type { BuildProfile } from '../../common/domain';
import { formatBytes } from '../../common/format-bytes';

// How much memory a build may use, and how many parallel jobs that allows. Containers and
// Codespaces limit memory with cgroups, so the cgroup limit counts before the machine's RAM.

const UNLIMITED = 2 ** 60;

export interface MemoryFacts {
  readonly limitBytes: number;
  readonly source: 'cgroup-v2' | 'cgroup-v1' | 'total-ram';
  readonly availableBytes: number;
}

function readNumber(path: string): number | null {
  try {
    const text = readFileSync(path, 'utf8').trim();
    if (text === 'max') return null;
    const value = Number(text);
    return Number.isFinite(value) && value > 0 && value < UNLIMITED ? value : null;
  } catch {
    return null;
  }
}

/** This process's own cgroup paths (v2 unified, v1 memory controller) from /proc/self/cgroup. */
function ownCgroups(procSelfCgroup: string): { v2: string; v1: string } {
  let text = '';
  try {
    text = readFileSync(procSelfCgroup, 'utf8');
  } catch {
    // not Linux
  }
  const line = (re: RegExp) => text.split('\n').find((l) => re.test(l))?.split(':').slice(2).join(':') ?? '/';
  return { v2: line(/^0::/), v1: line(/^\d+:([^:]*,)?memory(,[^:]*)?:/) };
}

/**
 * The memory limit in force: this process's cgroup (v2, then v1), then total RAM. `root` and
 * `procSelfCgroup` let tests use a fake cgroup tree.
 */
export function memoryFacts(root = '/sys/fs/cgroup', procSelfCgroup = '/proc/self/cgroup'): MemoryFacts {
  const own = ownCgroups(procSelfCgroup);
  const v2Dir = `${root}${own.v2 === '/' ? '' : own.v2}`;
  const v2 = readNumber(`${v2Dir}/memory.max`);
  if (v2 !== null) {
    const used = readNumber(`${v2Dir}/memory.current`) ?? 0;
    return { limitBytes: v2, source: 'cgroup-v2', availableBytes: Math.max(0, Math.min(v2 - used, freemem())) };
  }
  const v1Dir = `${root}/memory${own.v1 === '/' ? '' : own.v1}`;
  const v1 = readNumber(`${v1Dir}/memory.limit_in_bytes`);
  if (v1 !== null) {
    const used = readNumber(`${v1Dir}/memory.usage_in_bytes`) ?? 0;
    return { limitBytes: v1, source: 'cgroup-v1', availableBytes: Math.max(0, Math.min(v1 - used, freemem())) };
  }
  return { limitBytes: totalmem(), source: 'total-ram', availableBytes: freemem() };
}

/** The memory a build can have, in words: "the 600 MB memory limit of this container (cgroup)". */
export function describeMemoryLimit(facts: MemoryFacts = memoryFacts()): string {
  return facts.source === 'total-ram' ? `this machine's ${formatBytes(facts.limitBytes)} of RAM` : `the ${formatBytes(facts.limitBytes)} memory limit of this container (cgroup)`;
}

/** A default budget: three quarters of what is available now, at least 512 MiB. */
export function defaultBudgetBytes(facts: MemoryFacts = memoryFacts()): number {
  return Math.max(512 * 1024 ** 2, Math.floor(Math.min(facts.limitBytes, facts.availableBytes) * 0.75));
}

/** Without history, assume a rustc job of a dependency-heavy crate peaks near this. */
export const ASSUMED_PEAK_PER_JOB = 1024 ** 3;

/**
 * How many cargo jobs fit in the budget, given the peak memory one job needed before (measured peak
 * of a build divided by the jobs it ran with), never more than the cores.
 */
export function jobsForBudget(budgetBytes: number, peakPerJobBytes: number | null, cores = availableParallelism()): number {
  const perJob = Math.max(64 * 1024 ** 2, peakPerJobBytes ?? ASSUMED_PEAK_PER_JOB);
  return Math.max(1, Math.min(cores, Math.floor(budgetBytes / perJob)));
}

/** The low-memory profile's job count: what fits the budget, and at most half the cores — it trades time for memory even when the budget is generous. */
export function lowMemoryJobs(budgetBytes: number, peakPerJobBytes: number | null, cores = availableParallelism()): number {
  return Math.max(1, Math.min(Math.floor(cores / 2), jobsForBudget(budgetBytes, peakPerJobBytes, cores)));
}

/** Why the low-memory profile runs the jobs it runs, in a line the build log starts with. */
export function lowMemoryJobsWhy(input: { readonly jobs: number; readonly requested: boolean; readonly budgetBytes: number; readonly peakPerJobBytes: number | null; readonly cores: number }): string {
  const { jobs, requested, budgetBytes, peakPerJobBytes, cores } = input;
  const count = `${jobs} cargo job${jobs === 1 ? '' : 's'}`;
  if (requested) return `${count}, as asked`;
  const budget = formatBytes(budgetBytes);
  const perJob = peakPerJobBytes === null ? `~${formatBytes(ASSUMED_PEAK_PER_JOB)} per job assumed before the first build` : `~${formatBytes(peakPerJobBytes)} per job measured on the last build`;
  const fitting = jobsForBudget(budgetBytes, peakPerJobBytes, cores);
  if (fitting <= jobs) return `${count}: what a ${budget} memory budget fits at ${perJob}`;
  return `${count}: at most half of this machine's ${cores} cores, trading time for memory (the ${budget} budget would fit ${fitting} at ${perJob})`;
}

/**
 * The low-memory profile once an earlier low-memory build of the target measured each compile: every
 * core's job, and a governor that lets compiles run side by side only while, by those measurements, they
 * fit under the biggest of them — the memory one job at a time needs anyway.
 */
export function governedLowMemoryWhy(input: { readonly jobs: number; readonly ceilingBytes: number; readonly biggestCompile: string }): string {
  const { jobs, ceilingBytes, biggestCompile } = input;
  return `up to ${jobs} cargo jobs, side by side only while their compiles fit under ${formatBytes(ceilingBytes)} together — what the biggest compile (rustc compiling ${biggestCompile}) took alone on an earlier low-memory build; a compile that would not fit waits at a gate, holding no memory, until it does`;
}

/**
 * How many targets may build at once: each needs its expected peak within the budget, and two cores.
 * (On two cores, two targets at once measured no faster than one after the other, 0.95–1.0× over a
 * 3-target matrix, for twice the memory.)
 */
export function parallelTargets(targetCount: number, budgetBytes: number, peakPerTargetBytes: number | null, cores = availableParallelism()): number {
  const perTarget = Math.max(128 * 1024 ** 2, peakPerTargetBytes ?? ASSUMED_PEAK_PER_JOB * 2);
  return Math.max(1, Math.min(targetCount, Math.floor(cores / 2) || 1, Math.floor(budgetBytes / perTarget)));
}

/** Cargo jobs for each of several targets building at once: about twice the cores in all, enough to keep them busy without flooding them. */
export function jobsPerLane(lanes: number, cores = availableParallelism()): number {
  return Math.max(1, Math.ceil((2 * cores) / lanes));
}

export interface LanePlanInput {
  readonly profile: BuildProfile;
  readonly targetCount: number;
  readonly budgetBytes: number;
  /** Measured on earlier builds of the project; null before the first. */
  readonly peakPerJobBytes: number | null;
  /** The jobs the user asked for, if any. */
  readonly requestedJobs: number | undefined;
  readonly cores: number;
}

export interface LanePlan {
  /** The profile's cargo job count (low-memory's from the budget), before lanes are considered. */
  readonly jobs: number | undefined;
  /** Targets building at once. */
  readonly lanes: number;
  /** Cargo jobs for each target; undefined leaves cargo's default (one per core). */
  readonly jobsPerTarget: number | undefined;
}

/** How a build runs its targets: how many at once, with how many cargo jobs each. */
export function planLanes(input: LanePlanInput): LanePlan {
  const { profile, targetCount, budgetBytes, peakPerJobBytes, requestedJobs, cores } = input;
  const jobs = requestedJobs ?? (profile === 'low-memory' ? lowMemoryJobs(budgetBytes, peakPerJobBytes, cores) : undefined);
  // The low-memory profile trades time for memory: one target at a time, whatever the budget allows.
  const lanes = profile === 'low-memory' ? 1 : parallelTargets(targetCount, budgetBytes, peakPerJobBytes === null ? null : peakPerJobBytes * (jobs ?? 2), cores);
  return { jobs, lanes, jobsPerTarget: jobs ?? (lanes > 1 ? jobsPerLane(lanes, cores) : undefined) };
}

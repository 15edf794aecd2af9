import { mkdir } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import type { BuildProfile, BuildRequest, BuildResult, BuildSettings, ProjectSummary, TargetResult, WheelSummary } from '../../common/domain';
import { formatBytes, processName } from '../../common/format-bytes';
import { WheelbenchError } from '../../common/errors';
import type { WheelbenchEvent } from '../../common/events';
import { FlowControl } from '../jobs/flow-control';
import { CompileGovernor, largestCompile } from '../process/compile-governor';
import { cargoConfigFiles, cargoConfigRustcWrapper } from '../project/cargo-config';
import { readProjectSummary } from '../project/summary';
import type { ToolchainContext } from '../toolchain/context';
import { installManagedTools } from '../toolchain/managed-tools';
import { resolveMaturin } from '../toolchain/resolve';
import { ensureCompileGate } from './compile-gate';
import { projectDigest, recallCompilePeaks } from './compile-memory';
import { appendHistory, largestProcessSoFar, peakPerJob, readHistory } from './history';
import { gatherMachineFacts } from './machine-facts';
import { defaultBudgetBytes, governedLowMemoryWhy, lowMemoryJobsWhy, planLanes } from './memory-budget';
import { OutputBatcher } from './output-batcher';
import { removeAbandonedPartials } from './partial-dirs';
import { planTargets, type BuildablePlan, type TargetPlan } from './planner';
import { TargetRun, type TargetRunInput } from './target-run';

export interface BuildJobDeps {
  readonly toolchain: ToolchainContext;
  readonly emit: (event: WheelbenchEvent) => void;
  /** The cores builds may use; this machine's by default. */
  readonly cores?: number;
}

/** The profile a build gets when none is chosen: low-memory in GitHub Codespaces (2-core machines by default), release elsewhere. */
export function defaultProfileHere(env: NodeJS.ProcessEnv): { readonly profile: BuildProfile; readonly because: string | null } {
  return env.CODESPACES === 'true' ? { profile: 'low-memory', because: 'GitHub Codespaces' } : { profile: 'release', because: null };
}

/**
 * The cargo target dir of one lane of targets building side by side. Cargo holds a lock on its target
 * dir for a whole build, so lanes sharing one would only take turns; each lane keeps its own (and
 * shares host artifacts among the targets it builds), the first being the project's usual one.
 */
export function laneTargetDir(projectTargetDir: string, lane: number): string {
  return lane === 0 ? projectTargetDir : `${projectTargetDir}-lane${lane + 1}`;
}

const sanitize = (name: string) => name.replace(/[^A-Za-z0-9_.-]+/g, '_');

/**
 * One build request: every target planned, built in parallel as far as the memory budget allows,
 * each with live output, progress, cancel and an honest result.
 */
export class BuildJob {
  private cancelledAll = false;
  private readonly runs = new Map<string, TargetRun>();
  private readonly cancelledTargets = new Set<string>();
  private readonly abort = new AbortController();
  private readonly flow: FlowControl;
  private readonly jobOutput: OutputBatcher;
  readonly logDir: string;

  constructor(
    readonly jobId: string,
    private readonly request: BuildRequest,
    private readonly deps: BuildJobDeps,
    /** The project as read when the build was requested (read again when not given). */
    private readonly project?: ProjectSummary,
  ) {
    this.logDir = join(deps.toolchain.dataDir, 'logs', jobId);
    this.flow = new FlowControl(
      () => this.runs.forEach((r) => r.pause()),
      () => this.runs.forEach((r) => r.resume()),
    );
    this.jobOutput = new OutputBatcher((data) => {
      this.flow.sent(data.length);
      deps.emit({ type: 'output', jobId, data });
    });
  }

  ack(chars: number, listener?: string): void {
    this.flow.acked(chars, listener);
  }

  /** Cancels one target, or the whole build when no target is named. */
  async cancel(target?: string): Promise<boolean> {
    if (target) {
      if (this.cancelledTargets.has(target)) return false;
      this.cancelledTargets.add(target);
      await this.runs.get(target)?.cancel();
      return true;
    }
    if (this.cancelledAll) return false;
    this.cancelledAll = true;
    this.abort.abort();
    this.flow.release();
    await Promise.all([...this.runs.values()].map((r) => r.cancel()));
    return true;
  }

  private say(text: string): void {
    this.jobOutput.push(Buffer.from(text, 'utf8'));
  }

  async run(): Promise<BuildResult> {
    const requested = this.request.targets?.length ? this.request.targets : ['host'];
    await mkdir(this.logDir, { recursive: true });
    this.deps.emit({ type: 'job-started', jobId: this.jobId, kind: 'build', title: `Build ${this.request.projectDir}` });
    const outcomes = await this.buildAll(requested).catch((e: unknown) => {
      const reason = e instanceof WheelbenchError ? e.message : String(e);
      this.say(`\x1b[31m${reason}\x1b[0m\r\n`);
      return requested.map((target) => ({ result: this.failedResult(target, reason), wheel: null }));
    });
    this.jobOutput.end();
    await this.deps.toolchain.probeCache?.save();
    const targets = outcomes.map((o) => o.result);
    const wheels = outcomes.flatMap((o) => (o.wheel ? [o.wheel] : []));
    const result: BuildResult = { buildId: this.jobId, targets, wheels, logFile: join(this.logDir, `${sanitize(targets[0]?.target ?? 'build')}.log`) };
    this.deps.emit({ type: 'result', jobId: this.jobId, ...result });
    return result;
  }

  private failedResult(target: string, reason: string, status: TargetResult['status'] = 'failed'): TargetResult {
    return { target, status, strategy: null, wheel: null, durationMs: 0, peakRssBytes: 0, reason };
  }

  private async buildAll(requested: readonly string[]): Promise<{ result: TargetResult; wheel: WheelSummary | null }[]> {
    const settings: BuildSettings = this.request;
    const hostOnly = requested.every((t) => t === 'host') && !settings.compatibility;
    // The project, the machine and maturin are looked at side by side: each waits on processes of its own.
    const [project, facts, maturinOnPath] = await Promise.all([
      this.project ?? readProjectSummary(this.request.projectDir, this.deps.toolchain.env),
      gatherMachineFacts(this.deps.toolchain, { hostOnly }),
      resolveMaturin(this.deps.toolchain),
    ]);
    if (!project.manifestPath) throw new WheelbenchError({ code: 'not-a-project', message: project.problems[0]?.message ?? 'No Cargo.toml: nothing to build.' });
    const history = await readHistory(this.deps.toolchain.dataDir, { projectDir: project.root });
    const plans = planTargets(requested, facts, { compatibility: settings.compatibility });
    const buildable = plans.filter((p): p is BuildablePlan => p.status === 'buildable');

    const maturin = buildable.length ? await this.ensureMaturin(maturinOnPath) : null;
    const profile = this.request.profile ?? defaultProfileHere(this.deps.toolchain.env).profile;
    const budget = this.request.memoryBudgetBytes ?? defaultBudgetBytes();
    const perJob = peakPerJob(history);
    const cores = this.deps.cores ?? availableParallelism();
    const { jobs, lanes: parallel, jobsPerTarget: laneJobs } = planLanes({ profile, targetCount: buildable.length, budgetBytes: budget, peakPerJobBytes: perJob, requestedJobs: this.request.jobs, cores });
    if (profile === 'low-memory') {
      const floor = largestProcessSoFar(history);
      if (floor && floor.rssBytes > budget) {
        this.say(`\x1b[33mwarning: ${processName(floor)} alone took ${formatBytes(floor.rssBytes)} on an earlier build of this project, more than this build's ${formatBytes(budget)} memory budget: even one job may run out of memory. Give the build more memory (--memory-budget, or a larger container).\x1b[0m\r\n`);
      }
    }

    const outDir = resolve(this.request.outDir ?? join(project.root, 'dist'));
    await mkdir(outDir, { recursive: true });
    await removeAbandonedPartials(outDir);
    const targetDir = join(this.deps.toolchain.dataDir, 'cargo-target', projectDigest(project.root));
    const results = new Map<TargetPlan, { result: TargetResult; wheel: WheelSummary | null }>();

    for (const plan of plans) {
      if (plan.status === 'unavailable') {
        const fix = plan.fix ? ` Fix: ${plan.fix.summary}${plan.fix.command ? ` (${plan.fix.command})` : ''}` : '';
        const result = { ...this.failedResult(plan.triple ?? plan.requested, `${plan.reason}${fix}`, 'unavailable') };
        this.say(`\x1b[33m[${result.target}] unavailable: ${result.reason}\x1b[0m\r\n`);
        results.set(plan, { result, wheel: null });
        this.deps.emit({ type: 'target-finished', jobId: this.jobId, result });
      }
    }
    if (maturin && typeof maturin !== 'string') {
      for (const plan of buildable) {
        const result = this.failedResult(plan.triple, maturin.reason, maturin.cancelled ? 'cancelled' : 'failed');
        results.set(plan, { result, wheel: null });
        this.deps.emit({ type: 'target-finished', jobId: this.jobId, result });
      }
      return plans.map((p) => results.get(p) as { result: TargetResult; wheel: WheelSummary | null });
    }

    if (parallel > 1) {
      this.say(`\x1b[1m${parallel} targets at a time, ${laneJobs} cargo jobs each, each lane with its own cargo target dir (cargo locks one for a whole build).\x1b[0m\r\n`);
    }
    const queue = [...buildable];
    const worker = async (lane: number) => {
      for (let plan = queue.shift(); plan; plan = queue.shift()) {
        const lowMemory = profile === 'low-memory' ? await this.lowMemoryPlan(plan, project.root, { jobs: jobs ?? 1, budget, perJob, cores }) : null;
        const outcome = await this.buildOne(plan, { projectRoot: project.root, maturin: maturin as string, outDir, targetDir: laneTargetDir(targetDir, lane), profile, jobs: lowMemory?.jobs ?? laneJobs, governed: lowMemory?.governed, settings, explicitTarget: buildable.length > 1, bootstrap: buildable.some((p) => p.buildStd), abi3: project.abi3 !== null });
        results.set(plan, outcome);
        this.deps.emit({ type: 'target-finished', jobId: this.jobId, result: outcome.result });
      }
    };
    await Promise.all(Array.from({ length: parallel }, (_, lane) => worker(lane)));
    return plans.map((p) => results.get(p) as { result: TargetResult; wheel: WheelSummary | null });
  }

  /**
   * How the low-memory profile runs a target, said in its first line: governed when an earlier low-memory
   * build of it measured each compile (on Linux, where compiles can be watched and held at the gate), else
   * one job per two cores within the budget.
   */
  private async lowMemoryPlan(plan: BuildablePlan, projectRoot: string, fallback: { jobs: number; budget: number; perJob: number | null; cores: number }): Promise<{ jobs: number; governed?: TargetRunInput['governed'] }> {
    const requested = this.request.jobs !== undefined;
    const peaks = requested || process.platform !== 'linux' ? null : await recallCompilePeaks(this.deps.toolchain.dataDir, projectRoot, 'low-memory', plan.triple).catch(() => null);
    const biggest = peaks ? largestCompile(peaks) : null;
    const jobs = biggest ? fallback.cores : fallback.jobs;
    const why = biggest
      ? governedLowMemoryWhy({ jobs, ceilingBytes: biggest.bytes, biggestCompile: biggest.key.split(' ')[0] ?? biggest.key })
      : lowMemoryJobsWhy({ jobs, requested, budgetBytes: fallback.budget, peakPerJobBytes: fallback.perJob, cores: fallback.cores });
    this.say(`\x1b[1m[${plan.triple}] low-memory profile: ${why}; no LTO, 16 codegen units, no debuginfo, no incremental.\x1b[0m\r\n`);
    if (!biggest || !peaks) return { jobs };
    const configWrapper = await cargoConfigRustcWrapper(await cargoConfigFiles(projectRoot, this.deps.toolchain.env));
    return { jobs, governed: { governor: new CompileGovernor(biggest.bytes, peaks), gatePath: await ensureCompileGate(this.deps.toolchain.dataDir), configWrapper } };
  }

  private async buildOne(
    plan: BuildablePlan,
    shared: { projectRoot: string; maturin: string; outDir: string; targetDir: string; profile: BuildProfile; jobs: number | undefined; governed: TargetRunInput['governed']; settings: BuildSettings; explicitTarget: boolean; bootstrap: boolean; abi3: boolean },
  ): Promise<{ result: TargetResult; wheel: WheelSummary | null }> {
    // A queued target may be cancelled by the name it was requested by (an alias, host) or its triple.
    if (this.cancelledAll || this.cancelledTargets.has(plan.triple) || this.cancelledTargets.has(plan.requested)) {
      return { result: { ...this.failedResult(plan.triple, 'Cancelled by the user.', 'cancelled'), strategy: plan.strategy }, wheel: null };
    }
    const logFile = join(this.logDir, `${sanitize(plan.triple)}.log`);
    const run = new TargetRun({ ...shared, jobId: this.jobId, plan, logFile, toolchain: this.deps.toolchain, emit: this.deps.emit, onOutputSent: (n) => this.flow.sent(n) });
    this.runs.set(plan.triple, run);
    const outcome = await run.run();
    this.runs.delete(plan.triple);
    await appendHistory(this.deps.toolchain.dataDir, {
      jobId: this.jobId,
      projectDir: shared.projectRoot,
      requested: plan.requested,
      target: plan.triple,
      strategy: plan.strategy,
      toolchain: plan.toolchain.label,
      profile: shared.profile,
      jobs: shared.jobs ?? null,
      command: outcome.command,
      envDelta: outcome.envDelta,
      logFile,
      result: outcome.result,
    }).catch(() => undefined);
    return outcome;
  }

  private async ensureMaturin(found: { path: string } | null): Promise<string | { cancelled: boolean; reason: string }> {
    if (found) return found.path;
    this.say("\x1b[1mmaturin is not installed: installing it into Wheelbench's own tools (a Python virtualenv)…\x1b[0m\r\n");
    const outcome = await installManagedTools(this.deps.toolchain, ['maturin'], (b) => this.jobOutput.push(b), this.abort.signal);
    if (this.cancelledAll) return { cancelled: true, reason: 'Cancelled by the user.' };
    if (!outcome.ok) return { cancelled: false, reason: outcome.message };
    const installed = await resolveMaturin(this.deps.toolchain);
    return installed ? installed.path : { cancelled: false, reason: 'maturin was installed but cannot be found in the managed virtualenv.' };
  }
}

import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { BuildProfile, BuildSettings, TargetResult, WheelSummary } from '../../common/domain';
import { WheelbenchError } from '../../common/errors';
import type { WheelbenchEvent } from '../../common/events';
import { formatBytes } from '../../common/format-bytes';
import type { CompileGovernor } from '../process/compile-governor';
import { pastPyenvShim } from '../process/pyenv-exec';
import { runInPty, type EnvDelta, type PtyExit, type PtyRun, type ToolCommand } from '../process/spawn';
import type { ToolchainContext } from '../toolchain/context';
import { toolEnvDelta } from '../toolchain/resolve';
import { OutputTail } from '../toolchain/terminal-text';
import { auditsFor, discardAudits, prestartAudits, type PrestartedAudits } from '../wheels/audits/audit-tool';
import { checkBuiltWheel, inspectionLines, placeAndAuditWheel, type CheckedWheel } from '../wheels/built-wheel';
import { summarizeWheel } from '../wheels/wheel-archive';
import { compileGateEnv } from './compile-gate';
import { rememberCompilePeaks } from './compile-memory';
import { explainBuildLog } from './log-explainer';
import { maturinBuildArgs, profileEnv } from './maturin-command';
import { describeMemoryLimit } from './memory-budget';
import { OutputBatcher } from './output-batcher';
import { partialDirFor } from './partial-dirs';
import { isComplianceFailure, recallTag, rememberTag, tagChoiceMismatch, tagChoiceOf, type TagChoiceKey } from './platform-tag-memory';
import type { BuildablePlan } from './planner';
import { CargoProgressParser, type CargoProgress } from './progress-parser';
import { discardStdKitWork, installStdKit, isStdKitReady, prepareStdKitWork, stdKitDir, stdKitFlags, type StdKitWork } from './std-kit';
import { toolchainEnv } from './toolchain-env';


export interface TargetRunInput {
  readonly jobId: string;
  readonly plan: BuildablePlan;
  readonly projectRoot: string;
  readonly maturin: string;
  readonly outDir: string;
  readonly targetDir: string;
  readonly logFile: string;
  readonly profile: BuildProfile;
  readonly jobs: number | undefined;
  /** Lets compiles through the gate only while they fit (the low-memory profile with earlier measurements). */
  readonly governed?: { readonly governor: CompileGovernor; readonly gatePath: string; readonly configWrapper: string | null };
  readonly explicitTarget: boolean;
  /** Another target of the matrix builds std from source (see toolchainEnv). */
  readonly bootstrap: boolean;
  /** The project builds abi3 wheels (pyo3's abi3 feature), so abi3audit will look at them. */
  readonly abi3: boolean;
  readonly settings: BuildSettings;
  readonly toolchain: ToolchainContext;
  readonly emit: (event: WheelbenchEvent) => void;
  /** Every chunk of output, for the job's flow control. */
  readonly onOutputSent: (chars: number) => void;
}

export interface TargetOutcome {
  readonly result: TargetResult;
  readonly wheel: WheelSummary | null;
  readonly command: readonly string[];
  readonly envDelta: EnvDelta;
}

/** One target of a build: maturin in a pty, live output and progress, and only a whole wheel kept. */
export class TargetRun {
  private running: PtyRun | null = null;
  private cancelled = false;
  private stopping: Promise<void> = Promise.resolve();
  private log: WriteStream | null = null;
  private readonly logTail = new OutputTail(256 * 1024);
  private readonly batcher: OutputBatcher;
  private readonly progress = new CargoProgressParser();
  private lastPercent = -1;
  private prestartedAudits: PrestartedAudits | null = null;

  constructor(private readonly input: TargetRunInput) {
    this.batcher = new OutputBatcher((data) => {
      input.onOutputSent(data.length);
      input.emit({ type: 'output', jobId: input.jobId, target: input.plan.triple, data });
    });
  }

  get target(): string {
    return this.input.plan.triple;
  }

  pause(): void {
    this.running?.pause();
  }

  resume(): void {
    this.running?.resume();
  }

  async cancel(): Promise<void> {
    if (this.cancelled) return;
    this.cancelled = true;
    this.stopping = this.running?.stop() ?? Promise.resolve();
    await this.stopping;
  }

  private write(text: string): void {
    this.onBytes(Buffer.from(text, 'utf8'));
  }

  private onBytes(bytes: Buffer): void {
    this.log?.write(bytes);
    this.batcher.push(bytes);
  }

  private emitProgress(p: CargoProgress): void {
    if (p.percent === this.lastPercent && p.current === null) return;
    this.lastPercent = p.percent;
    this.input.emit({ type: 'progress', jobId: this.input.jobId, target: this.target, ...p });
  }

  private result(status: TargetResult['status'], fields: Partial<TargetResult>): TargetResult {
    const { plan } = this.input;
    return { target: this.target, status, strategy: plan.strategy, wheel: null, durationMs: 0, peakRssBytes: 0, reason: null, ...fields };
  }

  async run(): Promise<TargetOutcome> {
    const { plan, toolchain, outDir, jobId } = this.input;
    const partialDir = partialDirFor(outDir, jobId, this.target);
    await mkdir(partialDir, { recursive: true });
    this.log = createWriteStream(this.input.logFile);
    const baseDelta: Record<string, string> = {
      ...toolEnvDelta(toolchain),
      ...profileEnv(this.input.profile, this.input.settings, this.input.jobs, toolchain.env),
      ...(this.input.governed ? compileGateEnv(this.input.governed.gatePath, toolchain.env, this.input.governed.configWrapper) : {}),
      CARGO_TARGET_DIR: this.input.targetDir,
      CARGO_TERM_COLOR: 'always',
      CARGO_TERM_PROGRESS_WHEN: 'always',
      CARGO_TERM_PROGRESS_WIDTH: '100',
    };
    const rustEnv = await toolchainEnv(plan, toolchain.dataDir, { ...toolchain.env, ...baseDelta }, this.input.bootstrap);
    const kitDir = plan.buildStd ? stdKitDir(toolchain.dataDir, plan.toolchain, plan.triple) : null;
    const kitFlags = kitDir ? stdKitFlags(kitDir, plan.triple, this.input.projectRoot, { ...toolchain.env, ...baseDelta, ...rustEnv }) : null;
    const tagKey = tagChoiceKeyFor(this.input);
    const remembered = tagKey ? await recallTag(toolchain.dataDir, tagKey).catch(() => null) : null;
    const commandFor = (stdFromKit: boolean, compatibility: string | undefined) => {
      const args = maturinBuildArgs({ outDir: partialDir, plan, settings: this.input.settings, profile: this.input.profile, jobs: this.input.jobs, explicitTarget: this.input.explicitTarget, stdFromKit, compatibility });
      const envDelta = { ...baseDelta, ...rustEnv, ...(stdFromKit && kitFlags && 'env' in kitFlags ? kitFlags.env : {}) };
      const maturin = pastPyenvShim({ file: this.input.maturin, args, cwd: this.input.projectRoot, envDelta, baseEnv: toolchain.env });
      return { maturin, ran: { command: [maturin.file, ...args], envDelta: maturin.envDelta ?? envDelta } };
    };
    let stdFromKit = kitFlags !== null && 'env' in kitFlags;
    let { maturin, ran } = commandFor(stdFromKit, remembered?.compatibility);
    this.input.emit({ type: 'target-started', jobId, target: this.target, strategy: plan.strategy, command: ran.command });
    this.write(`\x1b[1m[${this.target}] ${plan.reason}\x1b[0m\r\n`);
    for (const note of plan.notes) this.write(`\x1b[33mnote: ${note}\x1b[0m\r\n`);
    if (kitFlags && 'unusable' in kitFlags) this.write(`\x1b[33mnote: std is built inside this build, since a kept std cannot be passed to it: ${kitFlags.unusable}.\x1b[0m\r\n`);
    if (remembered) this.write(`\x1b[2mnote: --compatibility ${remembered.compatibility} is the tag maturin picked last time for binaries linked like these; it spares maturin's pip probe, and the build is redone with maturin picking if this wheel's binaries link differently.\x1b[0m\r\n`);
    let spent = NOTHING_MEASURED;
    const add = (run: Measured) => {
      const largestProcess = (run.largestProcess?.rssBytes ?? 0) > (spent.largestProcess?.rssBytes ?? 0) ? run.largestProcess : spent.largestProcess;
      spent = { durationMs: spent.durationMs + run.durationMs, peakRssBytes: Math.max(spent.peakRssBytes, run.peakRssBytes), largestProcess };
    };
    const measured = () => ({ ...spent, durationMs: Math.round(spent.durationMs) });
    const withoutRememberedTag = (why: string) => {
      this.write(`\r\n\x1b[33mBuilding again with maturin picking the platform tag: ${why}.\x1b[0m\r\n`);
      ({ maturin, ran } = commandFor(stdFromKit, undefined));
    };

    try {
      if (kitDir && kitFlags && 'env' in kitFlags && !isStdKitReady(kitDir) && !this.cancelled) {
        const kit = await this.buildStdKit(rustEnv);
        add(kit);
        if (kit.status === 'failed') {
          this.write(`\r\n\x1b[33mCould not keep a std for ${plan.triple} (${kit.reason}); building std inside this build instead.\x1b[0m\r\n`);
          stdFromKit = false;
          ({ maturin, ran } = commandFor(stdFromKit, remembered?.compatibility));
        }
      }
      // One run, and one more only when a remembered tag turns out not to be maturin's pick.
      for (let attempt = remembered ? 2 : 1; ; attempt--) {
        if (this.cancelled) return { result: this.result('cancelled', { ...measured(), reason: 'Cancelled by the user.' }), wheel: null, ...ran };
        const exit = await this.runMaturin(maturin, ran.command);
        add(exit);
        if (this.cancelled) {
          this.write('\r\n\x1b[33mBuild cancelled.\x1b[0m\r\n');
          return { result: this.result('cancelled', { ...measured(), reason: 'Cancelled by the user.' }), wheel: null, ...ran };
        }
        const retryable = attempt > 1;
        if (exit.exitCode !== 0) {
          if (retryable && isComplianceFailure(this.logTail.toString())) {
            withoutRememberedTag(`its binaries no longer meet ${remembered?.compatibility}`);
            continue;
          }
          // maturin itself killed (the kernel picks the biggest process, but not always a compiler) says what cargo could not.
          const killed = exit.signal ? `\nmaturin ${exitedHow(exit)}` : '';
          const explanation = explainBuildLog(this.logTail.toString() + killed, { profile: this.input.profile, memoryLimit: describeMemoryLimit(), largestProcess: spent.largestProcess });
          const reason = explanation
            ? `${explanation.title}. ${explanation.fix.summary}`
            : `maturin ${exitedHow(exit)}; see the log above.`;
          this.write(`\r\n\x1b[31mBuild failed: ${reason}\x1b[0m\r\n`);
          return { result: this.result('failed', { ...measured(), reason, explanation }), wheel: null, ...ran };
        }
        const checked = await this.checkWheel(partialDir);
        const mismatch = retryable && remembered ? tagChoiceMismatch(remembered, checked.report) : null;
        if (mismatch) {
          await rm(checked.path, { force: true });
          withoutRememberedTag(mismatch);
          continue;
        }
        this.emitProgress(this.progress.complete());
        const wheel = await this.placeWheel(checked);
        if (tagKey) await rememberTag(toolchain.dataDir, tagKey, tagChoiceOf(checked.report)).catch(() => undefined);
        this.write(`\r\n\x1b[32mWheel ready: ${wheel.path}\x1b[0m\r\n`);
        return { result: this.result('ok', { ...measured(), wheel: wheel.path }), wheel, ...ran };
      }
    } catch (e) {
      this.running = null;
      const reason = e instanceof WheelbenchError ? e.message : `Could not run maturin: ${(e as Error).message}`;
      this.write(`\r\n\x1b[31m${reason}\x1b[0m\r\n`);
      return { result: this.result('failed', { reason }), wheel: null, ...ran };
    } finally {
      if (this.prestartedAudits) discardAudits(this.prestartedAudits);
      await rm(partialDir, { recursive: true, force: true });
      this.batcher.end();
      await new Promise<void>((done) => this.log?.end(done) ?? done());
    }
  }

  /** One maturin run in a pty, its output in the log, the terminal and the progress bar. */
  private async runMaturin(maturin: ToolCommand, command: readonly string[]): Promise<PtyExit> {
    this.write(`\x1b[1m$ ${command.join(' ')}\x1b[0m\r\n`);
    this.running = runInPty(maturin, {
      governor: this.input.governed?.governor,
      onData: (bytes) => {
        this.onBytes(bytes);
        const text = bytes.toString('utf8');
        this.logTail.push(bytes);
        const update = this.progress.feed(text);
        if (update) {
          this.emitProgress(update);
          if (update.unitsTotal > 0 && update.unitsDone >= update.unitsTotal - 1) this.prestartAudits();
        }
      },
    });
    const exit = await this.running.exited;
    if (this.cancelled) await this.stopping;
    this.running = null;
    if (exit.governed) {
      const { heldBack, waitedMs, ceilingBytes } = exit.governed;
      this.write(`\r\n\x1b[2mlow-memory: ${heldBack} compile${heldBack === 1 ? '' : 's'} waited for others to finish, to keep the compiles under ${formatBytes(ceilingBytes)} together (${(waitedMs / 1000).toFixed(0)} s of waiting in all).\x1b[0m\r\n`);
    }
    // Only a whole build's measurements: a compile killed or cancelled half-way would look smaller than it is.
    if (exit.exitCode === 0 && !this.cancelled) {
      const { toolchain, projectRoot, profile, plan } = this.input;
      await rememberCompilePeaks(toolchain.dataDir, projectRoot, profile, plan.triple, exit.compilePeaks).catch(() => undefined);
    }
    return exit;
  }

  /**
   * Builds the target's std once for its toolchain (std-kit.ts), in this target's log and progress;
   * later builds of any project reuse it.
   */
  private async buildStdKit(rustEnv: Readonly<Record<string, string>>): Promise<Measured & { status: 'ready' | 'failed' | 'cancelled'; reason?: string }> {
    const { plan, toolchain } = this.input;
    const progress = new CargoProgressParser();
    let work: StdKitWork | null = null;
    try {
      work = await prepareStdKitWork({ dataDir: toolchain.dataDir, toolchain: plan.toolchain, triple: plan.triple, toolchainEnv: rustEnv, baseEnv: toolchain.env, jobs: this.input.jobs });
      this.write(`\x1b[1mBuilding std for ${plan.triple} with ${plan.toolchain.label}, once: later builds of any project reuse it (${work.kitDir}).\x1b[0m\r\n`);
      this.write(`\x1b[1m$ ${[work.command.file, ...work.command.args].join(' ')}\x1b[0m\r\n`);
      if (this.cancelled) return { status: 'cancelled', ...NOTHING_MEASURED };
      this.running = runInPty(work.command, {
        onData: (bytes) => {
          this.onBytes(bytes);
          this.logTail.push(bytes);
          const update = progress.feed(bytes.toString('utf8'));
          if (update) this.emitProgress({ ...update, current: `std${update.current ? `: ${update.current}` : ''}` });
        },
      });
      const exit = await this.running.exited;
      if (this.cancelled) await this.stopping;
      this.running = null;
      const measured = { durationMs: exit.durationMs, peakRssBytes: exit.peakRssBytes, largestProcess: exit.largestProcess };
      if (this.cancelled) return { status: 'cancelled', ...measured };
      if (exit.exitCode !== 0) return { status: 'failed', ...measured, reason: `cargo ${exitedHow(exit)}` };
      await installStdKit(work, plan.toolchain, plan.triple, exit.durationMs);
      this.write(`\x1b[32mstd for ${plan.triple} is ready (${(exit.durationMs / 1000).toFixed(0)} s), kept in ${work.kitDir}.\x1b[0m\r\n`);
      return { status: 'ready', ...measured };
    } catch (e) {
      this.running = null;
      return { status: 'failed', ...NOTHING_MEASURED, reason: (e as Error).message };
    } finally {
      this.lastPercent = -1;
      if (work) await discardStdKitWork(work);
    }
  }

  /**
   * Cargo is on its last unit (the project's own crate, one compiler and often one busy core): the
   * audit tools the wheel will need start now, so their imports are done when it is written.
   */
  private prestartAudits(): void {
    if (this.prestartedAudits || this.cancelled) return;
    const linux = this.input.plan.triple.includes('-linux-');
    this.prestartedAudits = prestartAudits(this.input.toolchain, auditsFor({ linux, abi3: this.input.abi3 }));
  }

  /** The wheel maturin wrote, its archive and RECORD checked; not yet in the output dir. */
  private async checkWheel(partialDir: string): Promise<CheckedWheel> {
    const built = (await readdir(partialDir)).filter((f) => f.endsWith('.whl'));
    if (built.length === 0) throw new WheelbenchError({ code: 'internal', message: 'maturin reported success but wrote no wheel.' });
    return checkBuiltWheel(join(partialDir, built[0] as string));
  }

  /** Only a checked wheel leaves the partial dir; then it is audited. */
  private async placeWheel(checked: CheckedWheel): Promise<WheelSummary> {
    const finalPath = join(this.input.outDir, basename(checked.path));
    const report = await placeAndAuditWheel(checked, finalPath, this.input.toolchain, this.prestartedAudits ?? {});
    this.prestartedAudits = null;
    this.write(inspectionLines(report));
    this.input.emit({ type: 'wheel-inspected', jobId: this.input.jobId, report });
    return summarizeWheel(finalPath);
  }
}

/** Linux targets where maturin picks the manylinux tag itself: its pick can be remembered. */
function tagChoiceKeyFor(input: TargetRunInput): TagChoiceKey | null {
  const { plan, settings, toolchain } = input;
  if (!plan.triple.includes('-linux-') || plan.compatibility || plan.zig) return null;
  return { projectRoot: input.projectRoot, triple: plan.triple, maturin: input.maturin, interpreters: settings.interpreters ?? [], path: toolchain.env.PATH ?? '' };
}

type Measured = Pick<PtyExit, 'durationMs' | 'peakRssBytes' | 'largestProcess'>;
const NOTHING_MEASURED: Measured = { durationMs: 0, peakRssBytes: 0, largestProcess: null };

function exitedHow(exit: PtyExit): string {
  return exit.signal ? `was killed (signal ${exit.signal})` : `exited with code ${exit.exitCode}`;
}

import { createHash } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { BuildProfile, BuildRequest, BuildResult, TargetResult, WheelSummary } from '../../common/domain';
import { WheelbenchError } from '../../common/errors';
import type { WheelbenchEvent } from '../../common/events';
import { FlowControl } from '../jobs/flow-control';
import { runInPty, type EnvDelta, type PtyRun } from '../process/spawn';
import { readProjectSummary } from '../project/summary';
import type { ToolchainContext } from '../toolchain/context';
import { installManagedTools } from '../toolchain/managed-tools';
import { resolveMaturin, toolEnvDelta } from '../toolchain/resolve';
import { resolveTargetTriple } from '../toolchain/targets-aliases';
import { inspectAndPlaceWheel, inspectionLines } from '../wheels/built-wheel';
import { summarizeWheel } from '../wheels/wheel-archive';
import { appendHistory } from './history';
import { hostTriple } from './host-target';
import { explainBuildLog } from './log-explainer';
import { maturinBuildArgs, profileEnv } from './maturin-command';
import { OutputBatcher } from './output-batcher';
import { CargoProgressParser } from './progress-parser';

const LOG_TAIL_CHARS = 256 * 1024;

export interface BuildJobDeps {
  readonly toolchain: ToolchainContext;
  readonly emit: (event: WheelbenchEvent) => void;
}

function defaultProfile(env: NodeJS.ProcessEnv): BuildProfile {
  return env.CODESPACES === 'true' ? 'low-memory' : 'release';
}

/** One build request: each target in turn, with live output, progress, cancel and honest results. */
export class BuildJob {
  private cancelled = false;
  private running: PtyRun | null = null;
  /** Set by cancel: resolves once the whole process tree is gone, not just maturin. */
  private stopping: Promise<void> = Promise.resolve();
  private readonly abort = new AbortController();
  private readonly flow: FlowControl;
  private readonly batcher: OutputBatcher;
  private log: WriteStream | null = null;
  private logTail = '';
  private readonly commands = new Map<string, { command: readonly string[]; envDelta: EnvDelta }>();
  readonly logFile: string;

  constructor(
    readonly jobId: string,
    private readonly request: BuildRequest,
    private readonly deps: BuildJobDeps,
  ) {
    this.logFile = join(deps.toolchain.dataDir, 'logs', `${jobId}.log`);
    this.flow = new FlowControl(
      () => this.running?.pause(),
      () => this.running?.resume(),
    );
    this.batcher = new OutputBatcher((data) => {
      this.flow.sent(data.length);
      this.deps.emit({ type: 'output', jobId, data });
    });
  }

  ack(chars: number, listener?: string): void {
    this.flow.acked(chars, listener);
  }

  async cancel(): Promise<boolean> {
    if (this.cancelled) return false;
    this.cancelled = true;
    this.abort.abort();
    this.flow.release();
    this.stopping = this.running?.stop() ?? Promise.resolve();
    await this.stopping;
    return true;
  }

  private write(text: string): void {
    this.onBytes(Buffer.from(text, 'utf8'));
  }

  private onBytes(bytes: Buffer): void {
    this.log?.write(bytes);
    this.batcher.push(bytes);
  }

  async run(): Promise<BuildResult> {
    const targetNames = this.request.targets?.length ? this.request.targets : ['host'];
    await mkdir(join(this.deps.toolchain.dataDir, 'logs'), { recursive: true });
    this.log = createWriteStream(this.logFile);
    this.deps.emit({ type: 'job-started', jobId: this.jobId, kind: 'build', title: `Build ${this.request.projectDir}` });
    const results: TargetResult[] = [];
    const wheels: WheelSummary[] = [];
    for (const name of targetNames) {
      const { result, wheel } = this.cancelled ? { result: this.cancelledResult(name, 0, 0), wheel: null } : await this.buildTarget(name);
      results.push(result);
      if (wheel) wheels.push(wheel);
      await this.record(result);
      this.deps.emit({ type: 'target-finished', jobId: this.jobId, result });
    }
    this.batcher.end();
    await new Promise<void>((done) => this.log?.end(done) ?? done());
    const result: BuildResult = { buildId: this.jobId, targets: results, wheels, logFile: this.logFile };
    this.deps.emit({ type: 'result', jobId: this.jobId, ...result });
    return result;
  }

  /** Every target's outcome goes into the history, failures included. */
  private async record(result: TargetResult): Promise<void> {
    const ran = this.commands.get(result.target);
    await appendHistory(this.deps.toolchain.dataDir, {
      jobId: this.jobId,
      projectDir: this.request.projectDir,
      target: result.target,
      strategy: result.strategy,
      command: ran?.command ?? [],
      envDelta: ran?.envDelta ?? {},
      logFile: this.logFile,
      result,
    }).catch(() => undefined);
  }

  private cancelledResult(target: string, durationMs: number, peakRssBytes: number): TargetResult {
    return { target, status: 'cancelled', strategy: 'native', wheel: null, durationMs, peakRssBytes, reason: 'Cancelled by the user.' };
  }

  private failed(target: string, reason: string, extra: Partial<TargetResult> = {}): { result: TargetResult; wheel: null } {
    return {
      result: { target, status: 'failed', strategy: 'native', wheel: null, durationMs: 0, peakRssBytes: 0, reason, ...extra },
      wheel: null,
    };
  }

  private async buildTarget(name: string): Promise<{ result: TargetResult; wheel: WheelSummary | null }> {
    const host = hostTriple();
    const triple = resolveTargetTriple(name, host);
    if (triple !== host) {
      const what = triple ?? name;
      return {
        result: {
          target: what,
          status: 'unavailable',
          strategy: null,
          wheel: null,
          durationMs: 0,
          peakRssBytes: 0,
          reason: triple
            ? `Cross-building ${triple} is not available in this version of Wheelbench; it builds the host target (${host}).`
            : `Unknown target "${name}". Use a Rust target triple or an alias such as host, linux-x86_64, linux-aarch64.`,
        },
        wheel: null,
      };
    }

    let project;
    try {
      project = await readProjectSummary(this.request.projectDir);
    } catch (e) {
      return this.failed(triple, e instanceof WheelbenchError ? e.message : String(e));
    }
    if (!project.manifestPath) {
      return this.failed(triple, project.problems[0]?.message ?? 'No Cargo.toml: nothing to build.');
    }

    const maturin = await this.ensureMaturin();
    if (typeof maturin !== 'string') return maturin.cancelled ? { result: this.cancelledResult(triple, 0, 0), wheel: null } : this.failed(triple, maturin.reason);

    const outDir = resolve(this.request.outDir ?? join(project.root, 'dist'));
    const partialDir = join(outDir, `.wheelbench-partial-${this.jobId}`);
    await mkdir(partialDir, { recursive: true });
    const profile = this.request.profile ?? defaultProfile(this.deps.toolchain.env);
    const args = maturinBuildArgs({
      maturin,
      outDir: partialDir,
      profile,
      interpreters: this.request.interpreters ?? [],
      jobs: this.request.jobs,
    });
    const envDelta = {
      ...toolEnvDelta(this.deps.toolchain),
      ...profileEnv(profile, this.request.jobs),
      CARGO_TARGET_DIR: this.sharedTargetDir(project.root),
      CARGO_TERM_COLOR: 'always',
      CARGO_TERM_PROGRESS_WHEN: 'always',
      CARGO_TERM_PROGRESS_WIDTH: '100',
    };
    this.commands.set(triple, { command: [maturin, ...args], envDelta });
    this.deps.emit({ type: 'target-started', jobId: this.jobId, target: triple, strategy: 'native', command: [maturin, ...args] });
    this.write(`\x1b[1m$ ${[maturin, ...args].join(' ')}\x1b[0m\r\n`);

    const progress = new CargoProgressParser();
    let lastPercent = -1;
    const emitProgress = (p: ReturnType<CargoProgressParser['snapshot']>) => {
      if (p.percent === lastPercent && p.current === null) return;
      lastPercent = p.percent;
      this.deps.emit({ type: 'progress', jobId: this.jobId, target: triple, ...p });
    };
    let run: PtyRun;
    try {
      run = runInPty(
        { file: maturin, args, cwd: project.root, envDelta, baseEnv: this.deps.toolchain.env },
        {
          onData: (bytes) => {
            this.onBytes(bytes);
            const text = bytes.toString('utf8');
            this.logTail = (this.logTail + text).slice(-LOG_TAIL_CHARS);
            const update = progress.feed(text);
            if (update) emitProgress(update);
          },
        },
      );
    } catch (e) {
      await rm(partialDir, { recursive: true, force: true });
      return this.failed(triple, `Could not start maturin: ${(e as Error).message}`);
    }
    this.running = run;
    const exit = await run.exited;
    if (this.cancelled) await this.stopping;
    this.running = null;
    const measured = { durationMs: Math.round(exit.durationMs), peakRssBytes: exit.peakRssBytes };

    try {
      if (this.cancelled) {
        this.write('\r\n\x1b[33mBuild cancelled.\x1b[0m\r\n');
        return { result: this.cancelledResult(triple, measured.durationMs, measured.peakRssBytes), wheel: null };
      }
      if (exit.exitCode !== 0) {
        const explanation = explainBuildLog(this.logTail);
        const reason = explanation
          ? `${explanation.title}. ${explanation.fix.summary}`
          : `maturin exited with code ${exit.exitCode}${exit.signal ? ` (signal ${exit.signal})` : ''}; see the log above.`;
        this.write(`\r\n\x1b[31mBuild failed: ${reason}\x1b[0m\r\n`);
        return this.failed(triple, reason, { ...measured, explanation });
      }
      emitProgress(progress.complete());
      const wheel = await this.collectWheel(partialDir, outDir);
      this.write(`\r\n\x1b[32mWheel ready: ${wheel.path}\x1b[0m\r\n`);
      const result: TargetResult = { target: triple, status: 'ok', strategy: 'native', wheel: wheel.path, reason: null, ...measured };
      return { result, wheel };
    } catch (e) {
      return this.failed(triple, e instanceof WheelbenchError ? e.message : String(e), measured);
    } finally {
      await rm(partialDir, { recursive: true, force: true });
    }
  }

  private sharedTargetDir(projectRoot: string): string {
    const key = createHash('sha256').update(projectRoot).digest('hex').slice(0, 16);
    return join(this.deps.toolchain.dataDir, 'cargo-target', key);
  }

  /** Only a wheel whose archive and RECORD check out leaves the partial dir; then it is audited. */
  private async collectWheel(partialDir: string, outDir: string): Promise<WheelSummary> {
    const built = (await readdir(partialDir)).filter((f) => f.endsWith('.whl'));
    if (built.length === 0) throw new WheelbenchError({ code: 'internal', message: 'maturin reported success but wrote no wheel.' });
    const finalPath = join(outDir, built[0] as string);
    const report = await inspectAndPlaceWheel(join(partialDir, built[0] as string), finalPath, this.deps.toolchain);
    this.write(inspectionLines(report));
    this.deps.emit({ type: 'wheel-inspected', jobId: this.jobId, report });
    return summarizeWheel(finalPath);
  }

  private async ensureMaturin(): Promise<string | { cancelled: boolean; reason: string }> {
    const found = await resolveMaturin(this.deps.toolchain);
    if (found) return found.path;
    this.write("\x1b[1mmaturin is not installed: installing it into Wheelbench's own tools (a Python virtualenv)…\x1b[0m\r\n");
    const outcome = await installManagedTools(this.deps.toolchain, ['maturin'], (b) => this.onBytes(b), this.abort.signal);
    if (this.cancelled) return { cancelled: true, reason: 'Cancelled by the user.' };
    if (!outcome.ok) return { cancelled: false, reason: outcome.message };
    const installed = await resolveMaturin(this.deps.toolchain);
    return installed ? installed.path : { cancelled: false, reason: 'maturin was installed but cannot be found in the managed virtualenv.' };
  }
}

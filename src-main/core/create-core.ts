import { randomUUID } from 'node:crypto';
import { mkdir, readdir } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import type { JobOutcome, WheelbenchClient } from '../common/contract';
import type { AppInfo, BuildRequest, ManagedTool, WheelSummary } from '../common/domain';
import { WheelbenchError } from '../common/errors';
import type { JobKind, WheelbenchEvent } from '../common/events';
import { BuildJob, defaultProfileHere } from './build/build-job';
import { readHistory } from './build/history';
import { readLogInside } from './build/log-files';
import { gatherMachineFacts } from './build/machine-facts';
import { planTargets, type TargetPlan } from './build/planner';
import { isStdKitReady, stdKitDir } from './build/std-kit';
import { CATALOG } from './build/target-catalog';
import { describeTarget } from './build/target-info';
import { readSettings, writeSettings } from './state/settings';
import { explainBuildLog } from './build/log-explainer';
import { EventBus } from './jobs/event-bus';
import { Slots } from './jobs/slots';
import { OutputBatcher } from './build/output-batcher';
import { createProject } from './project/create-project';
import { applyProjectFix, previewProjectFix } from './project/fix-runner';
import { readProjectSummary } from './project/summary';
import { AppState } from './state/app-state';
import { runDoctor } from './toolchain/doctor';
import { prepareDoctorFix } from './toolchain/doctor-fix';
import { runFixAction } from './toolchain/fix-runner';
import { installManagedTools } from './toolchain/managed-tools';
import type { ToolchainContext } from './toolchain/context';
import { doctorCacheFile, ProbeCache } from './toolchain/probe-cache';
import { summarizeWheel } from './wheels/wheel-archive';
import { inspectWheel } from './wheels/inspect-wheel';
import { ReportCache } from './wheels/report-cache';
import { UploadStore } from './wheels/uploads';
import { VerifyJob } from './wheels/verify/verify-job';

export interface CoreOptions {
  /** Wheelbench's data dir: managed tools, logs, history, shared cargo target dirs, recent projects. */
  readonly dataDir: string;
  readonly mode: AppInfo['mode'];
  readonly version: string;
  /** Absolute path of the bundled example project. */
  readonly exampleProject: string;
  /** Environment the tools run in; defaults to process.env. */
  readonly env?: NodeJS.ProcessEnv;
  /** Front doors with a native folder dialog provide it. */
  readonly chooseFolder?: () => Promise<string | null>;
  /** Front doors with a desktop file manager provide it (Electron: shell.showItemInFolder). */
  readonly revealPath?: (path: string) => Promise<void>;
  /** How many verifications install and import at once; default half the cores (at least one). */
  readonly verifyConcurrency?: number;
}

interface RunningJob {
  readonly outcome: Promise<JobOutcome>;
  cancel(target?: string): Promise<boolean>;
  ack(chars: number, listener?: string): void;
}

export interface Core extends WheelbenchClient {
  /** Cancels every running job and waits for them to finish. */
  dispose(): Promise<void>;
}

/** The composition root: the one implementation of the API contract, shared by every front door. */
export function createCore(options: CoreOptions): Core {
  const bus = new EventBus();
  const env = options.env ?? process.env;
  const toolchain = { env, dataDir: options.dataDir };
  const probeCache = new ProbeCache(doctorCacheFile(options.dataDir));
  const state = new AppState(options.dataDir);
  const jobs = new Map<string, RunningJob>();
  const reports = new ReportCache(async (path) => {
    const ctx = cachedToolchain();
    // Awaited: the CLI exits as soon as the command returns, and the audit verdicts must reach the disk.
    return inspectWheel(path, ctx).finally(() => probeCache.save());
  });

  /**
   * The toolchain context whose tool answers (versions, sysroots, audit verdicts) are kept between runs
   * while nothing they depend on changed, as for the doctor.
   */
  function cachedToolchain(): ToolchainContext {
    probeCache.beginRun(env);
    return { ...toolchain, probeCache };
  }
  const uploads = new UploadStore(options.dataDir);
  const verifySlots = new Slots(options.verifyConcurrency ?? Math.max(1, Math.floor(availableParallelism() / 2)));

  function jobOf(jobId: string): RunningJob {
    const job = jobs.get(jobId);
    if (!job) throw new WheelbenchError({ code: 'not-found', message: `No job with id ${jobId}.` });
    return job;
  }

  /** A job that streams terminal output (an install, a fix) and ends with one event and an outcome. */
  function startStreamingJob<R>(
    kind: JobKind,
    title: string,
    work: (onData: (bytes: Buffer) => void, signal: AbortSignal) => Promise<R>,
    finish: (jobId: string, result: R) => { readonly event: WheelbenchEvent; readonly outcome: JobOutcome },
  ): string {
    const jobId = randomUUID();
    const abort = new AbortController();
    const batcher = new OutputBatcher((data) => bus.emit({ type: 'output', jobId, data }));
    bus.emit({ type: 'job-started', jobId, kind, title });
    // Start on the next turn: the caller gets the job id (and subscribes to its output) before any output exists.
    const started = new Promise<void>((resolve) => setImmediate(resolve));
    const outcome = started.then(() => work((b) => batcher.push(b), abort.signal)).then((result) => {
      batcher.end();
      const finished = finish(jobId, result);
      bus.emit(finished.event);
      return finished.outcome;
    });
    jobs.set(jobId, {
      outcome,
      cancel: async () => {
        abort.abort();
        await outcome;
        return true;
      },
      ack: () => undefined,
    });
    return jobId;
  }

  function startInstall(tools: readonly ManagedTool[]): string {
    return startStreamingJob(
      'tool-install',
      `Install ${tools.join(', ')}`,
      (onData, signal) => installManagedTools(toolchain, tools, onData, signal),
      (jobId, { ok, message }) => ({
        event: { type: 'tool-install-finished', jobId, tools, ok, message },
        outcome: { kind: 'tool-install', ok, message },
      }),
    );
  }

  const core: Core = {
    onEvent: (listener) => bus.on(listener),

    async getAppInfo() {
      return {
        version: options.version,
        mode: options.mode,
        platform: `${process.platform}-${process.arch}`,
        dataDir: options.dataDir,
        exampleProject: options.exampleProject,
        canChooseFolder: options.chooseFolder !== undefined,
        canRevealFiles: options.revealPath !== undefined,
        defaultProfile: defaultProfileHere(env),
      };
    },

    runDoctor: async ({ targets }) => runDoctor(toolchain, { targets: targets ?? [], cache: probeCache }),

    async openProject({ path }) {
      const summary = await readProjectSummary(path, env);
      await state.rememberProject(summary.root).catch(() => undefined);
      return summary;
    },

    listRecentProjects: async () => (await state.read()).recentProjects,

    async chooseProjectFolder() {
      if (!options.chooseFolder) {
        throw new WheelbenchError({ code: 'unsupported', message: 'This front door has no folder dialog: type the folder path instead.' });
      }
      return options.chooseFolder();
    },

    async startBuild(params) {
      const projectDir = resolve(params.projectDir);
      const [saved, project] = await Promise.all([readSettings(options.dataDir), readProjectSummary(projectDir, env)]);
      const request: BuildRequest = { ...saved, ...params, projectDir };
      void state.rememberProject(projectDir).catch(() => undefined);
      await mkdir(options.dataDir, { recursive: true });
      const jobId = randomUUID();
      const job = new BuildJob(
        jobId,
        request,
        {
          toolchain: cachedToolchain(),
          emit: (e) => {
            if (e.type === 'wheel-inspected') void reports.remember(e.report);
            bus.emit(e);
          },
        },
        project,
      );
      const outcome = job.run().then((result) => ({ kind: 'build', result }) as const);
      jobs.set(jobId, { outcome, cancel: (target) => job.cancel(target), ack: (n, listener) => job.ack(n, listener) });
      return { jobId };
    },

    async cancelJob({ jobId, target }) {
      const job = jobOf(jobId);
      const cancelled = await job.cancel(target);
      if (!target) await job.outcome;
      return { cancelled };
    },

    async ackOutput({ jobId, chars, listener }) {
      jobs.get(jobId)?.ack(chars, listener);
    },

    waitForJob: ({ jobId }) => jobOf(jobId).outcome,

    async listWheels({ dir }) {
      let names: string[];
      try {
        names = await readdir(dir);
      } catch {
        return [];
      }
      const wheels: WheelSummary[] = [];
      for (const name of names.filter((n) => n.endsWith('.whl')).sort()) {
        try {
          wheels.push(await summarizeWheel(join(dir, name)));
        } catch {
          // Not a complete wheel: never listed as a result.
        }
      }
      return wheels;
    },

    async installManagedTools({ tools }) {
      return { jobId: startInstall(tools) };
    },

    async listTargets({ compatibility }) {
      const facts = await gatherMachineFacts(cachedToolchain());
      await probeCache.save();
      return CATALOG.map((entry) => {
        const plan = planTargets([entry.alias], facts, { compatibility })[0] as TargetPlan;
        const keptStd = plan.status === 'buildable' && plan.buildStd ? (isStdKitReady(stdKitDir(options.dataDir, plan.toolchain, plan.triple)) ? 'ready' : 'not-yet') : null;
        return describeTarget(entry, plan, keptStd);
      });
    },

    getSettings: () => readSettings(options.dataDir),

    saveSettings: ({ settings }) => writeSettings(options.dataDir, settings),

    listHistory: ({ projectDir, limit }) => readHistory(options.dataDir, { projectDir: projectDir ? resolve(projectDir) : undefined, limit }),

    readBuildLog: ({ logFile }) => readLogInside(join(options.dataDir, 'logs'), logFile),
    async runDoctorFix({ id, confirmed }) {
      const { fix, action } = await prepareDoctorFix(toolchain, probeCache, id, confirmed === true);
      const jobId = startStreamingJob(
        'doctor-fix',
        `Fix ${id}: ${fix.command ?? fix.summary}`,
        (onData, signal) => runFixAction(toolchain, action, onData, signal),
        (jobId, { ok, message }) => ({
          event: { type: 'fix-finished', jobId, fixId: id, ok, message },
          outcome: { kind: 'doctor-fix', fixId: id, ok, message },
        }),
      );
      return { jobId };
    },

    explainLog: async ({ log }) => explainBuildLog(log),

    previewProjectFix: ({ path, fixId }) => previewProjectFix(path, fixId, env),

    applyProjectFix: ({ path, fixId, fingerprint }) => applyProjectFix(path, fixId, fingerprint, env),

    async createProject(params) {
      const created = await createProject(toolchain, params);
      await state.rememberProject(created.projectDir).catch(() => undefined);
      return created;
    },

    inspectWheel: ({ path }) => reports.get(path),

    async verifyWheel({ path, projectDir, pythonRoot }) {
      await summarizeWheel(resolve(path));
      const jobId = randomUUID();
      const job = new VerifyJob(jobId, { path: resolve(path), projectDir, pythonRoot }, { toolchain, emit: (e) => bus.emit(e), inspect: (p) => reports.get(p), slots: verifySlots });
      jobs.set(jobId, { outcome: job.run(), cancel: () => job.cancel(), ack: () => undefined });
      return { jobId };
    },

    uploadWheelChunk: (chunk) => uploads.receive(chunk),

    async revealInFolder({ path }) {
      if (!options.revealPath) {
        throw new WheelbenchError({ code: 'unsupported', message: 'Only the desktop app can open a folder; the path is shown so you can copy it.' });
      }
      await options.revealPath(resolve(path));
    },

    async dispose() {
      await Promise.all([...jobs.values()].map((j) => j.cancel().catch(() => false)));
    },
  };
  return core;
}

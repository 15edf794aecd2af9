import { spawn as spawnChild } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import * as pty from 'node-pty';
import type { LargestProcess } from '../../common/domain';
import { killTree } from './kill-tree';
import { pastPyenvShim } from './pyenv-exec';
import { preferForOomKill } from './oom-priority';
import type { CompileGovernor, GovernedCompiles } from './compile-governor';
import { PeakMemorySampler } from './tree-memory';

// The one funnel every external tool goes through. It records the command, the environment delta,
// exit code, duration and peak memory of every run, and hands each record to whoever listens
// (history, logs, tests). A pyenv shim is run the way `pyenv exec` would run it, minus the bash.

export type EnvDelta = Readonly<Record<string, string | undefined>>;

export interface ToolCommand {
  /** An executable name (looked up on PATH) or an absolute path. */
  readonly file: string;
  readonly args: readonly string[];
  readonly cwd?: string;
  /** Variables set (or, when undefined, removed) on top of the base environment. */
  readonly envDelta?: EnvDelta;
  /** Defaults to process.env. */
  readonly baseEnv?: NodeJS.ProcessEnv;
}

export interface ToolRunRecord {
  readonly command: readonly string[];
  readonly cwd: string;
  readonly envDelta: EnvDelta;
  readonly exitCode: number | null;
  readonly signal: string | null;
  readonly durationMs: number;
  readonly peakRssBytes: number;
  readonly startedAt: string;
  /** Set when the tool could not be started at all. */
  readonly spawnError: SpawnErrorKind | null;
  /** The run was started before its arguments were known (see CaptureOptions.input). */
  readonly prestarted?: true;
}

export type SpawnErrorKind = 'not-found' | 'permission-denied' | 'failed';

type RunListener = (record: ToolRunRecord) => void;
const runListeners = new Set<RunListener>();

export function onToolRun(listener: RunListener): () => void {
  runListeners.add(listener);
  return () => runListeners.delete(listener);
}

function report(record: ToolRunRecord): void {
  for (const listener of runListeners) listener(record);
}

/** The environment a tool runs in: the base without undefined values (node-pty would pass "undefined"), plus the delta. */
export function composeEnv(cmd: ToolCommand): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(cmd.baseEnv ?? process.env)) if (value !== undefined) env[key] = value;
  for (const [key, value] of Object.entries(cmd.envDelta ?? {})) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}

function spawnErrorKind(error: NodeJS.ErrnoException): SpawnErrorKind {
  if (error.code === 'ENOENT') return 'not-found';
  if (error.code === 'EACCES') return 'permission-denied';
  return 'failed';
}

export interface CapturedRun {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number | null;
  readonly signal: string | null;
  readonly timedOut: boolean;
  readonly spawnError: SpawnErrorKind | null;
  readonly durationMs: number;
}

export interface CaptureOptions {
  readonly timeoutMs?: number;
  /** Output beyond this many bytes per stream is dropped (a tool that floods cannot exhaust memory). */
  readonly maxBytes?: number;
  /**
   * For a tool started ahead of time: what it is to do, when known. `stdin` is written to it (which
   * then closes), the run is recorded as `command`, and its time and timeout count from then; null
   * stops it unused.
   */
  readonly input?: Promise<LateInput | null>;
}

export interface LateInput {
  readonly stdin: string;
  readonly command: readonly string[];
}

/** Runs a tool with pipes and collects its output: for probes and short commands. Never throws. */
export function runCaptured(requested: ToolCommand, options: CaptureOptions = {}): Promise<CapturedRun> {
  const cmd = pastPyenvShim(requested);
  const { timeoutMs = 10_000, maxBytes = 4 * 1024 * 1024 } = options;
  let started = performance.now();
  let startedAt = new Date().toISOString();
  return new Promise((resolve) => {
    const child = spawnChild(cmd.file, [...cmd.args], {
      cwd: cmd.cwd,
      env: composeEnv(cmd),
      stdio: [options.input ? 'pipe' : 'ignore', 'pipe', 'pipe'],
      detached: process.platform !== 'win32',
    });
    preferForOomKill(child.pid);
    const chunks = { stdout: [] as Buffer[], stderr: [] as Buffer[] };
    const sizes = { stdout: 0, stderr: 0 };
    const collect = (stream: 'stdout' | 'stderr') => (data: Buffer) => {
      if (sizes[stream] >= maxBytes) return;
      chunks[stream].push(data);
      sizes[stream] += data.length;
    };
    child.stdout?.on('data', collect('stdout'));
    child.stderr?.on('data', collect('stderr'));
    let timedOut = false;
    let settled = false;
    let late: LateInput | undefined;
    let timer: NodeJS.Timeout | undefined;
    const stop = () => {
      if (child.pid !== undefined) void killTree(child.pid, 200);
    };
    const startClock = () => {
      timer = setTimeout(() => {
        timedOut = true;
        stop();
      }, timeoutMs);
    };
    if (options.input) {
      child.stdin?.on('error', () => undefined); // the tool may exit before reading it
      void options.input.then((input) => {
        if (settled) return;
        if (input === null) return stop();
        late = input;
        started = performance.now();
        startedAt = new Date().toISOString();
        child.stdin?.end(input.stdin);
        startClock();
      });
    } else {
      startClock();
    }
    const finish = (exitCode: number | null, signal: string | null, spawnError: SpawnErrorKind | null) => {
      if (settled) return;
      settled = true;
      if (timer) clearTimeout(timer);
      const durationMs = performance.now() - started;
      report({
        command: late?.command ?? [cmd.file, ...cmd.args],
        cwd: cmd.cwd ?? process.cwd(),
        envDelta: cmd.envDelta ?? {},
        exitCode,
        signal,
        durationMs,
        peakRssBytes: 0,
        startedAt,
        spawnError,
        ...(options.input ? { prestarted: true as const } : {}),
      });
      resolve({
        stdout: Buffer.concat(chunks.stdout).toString('utf8'),
        stderr: Buffer.concat(chunks.stderr).toString('utf8'),
        exitCode,
        signal,
        timedOut,
        spawnError,
        durationMs,
      });
    };
    child.on('error', (error) => finish(null, null, spawnErrorKind(error)));
    child.on('close', (code, signal) => finish(code, signal, null));
  });
}

export interface PtyExit {
  /** null when a signal ended the tool (node-pty itself reports 0 then). */
  readonly exitCode: number | null;
  readonly signal: number | null;
  readonly durationMs: number;
  readonly peakRssBytes: number;
  readonly largestProcess: LargestProcess | null;
  /** Each compile's own peak RSS, by compileKey. */
  readonly compilePeaks: Readonly<Record<string, number>>;
  /** What the governor did, when there was one. */
  readonly governed: GovernedCompiles | null;
}

export interface PtyRun {
  readonly pid: number;
  readonly exited: Promise<PtyExit>;
  /** Stops the whole process tree (SIGINT → SIGTERM → SIGKILL); resolves when it is gone. */
  stop(): Promise<void>;
  pause(): void;
  resume(): void;
}

export interface PtyOptions {
  readonly cols?: number;
  readonly rows?: number;
  readonly onData: (bytes: Buffer) => void;
  /** Keeps the tool's compiles under a memory ceiling (see CompileGovernor). */
  readonly governor?: CompileGovernor;
}

/**
 * Runs a tool in a pseudo-terminal so colours and cargo's progress bar appear as in a shell.
 * Output arrives as raw bytes; decoding is the caller's (UTF-8-safe batching lives in the batcher).
 * Throws a typed error when the tool cannot be started.
 */
export function runInPty(requested: ToolCommand, options: PtyOptions): PtyRun {
  const cmd = pastPyenvShim(requested);
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const env = composeEnv(cmd);
  const term = pty.spawn(cmd.file, [...cmd.args], {
    name: 'xterm-256color',
    cols: options.cols ?? 120,
    rows: options.rows ?? 30,
    cwd: cmd.cwd ?? process.cwd(),
    env: { ...env, TERM: 'xterm-256color' },
    encoding: null,
  });
  preferForOomKill(term.pid);
  const sampler = new PeakMemorySampler(term.pid, { governor: options.governor }).start();
  term.onData((data) => options.onData(Buffer.isBuffer(data) ? data : Buffer.from(data, 'utf8')));
  const exited = new Promise<PtyExit>((resolve) => {
    term.onExit(({ exitCode: code, signal }) => {
      const exitCode = signal ? null : code;
      const peakRssBytes = sampler.stop();
      const durationMs = performance.now() - started;
      report({
        command: [cmd.file, ...cmd.args],
        cwd: cmd.cwd ?? process.cwd(),
        envDelta: cmd.envDelta ?? {},
        exitCode,
        signal: signal ? String(signal) : null,
        durationMs,
        peakRssBytes,
        startedAt,
        spawnError: null,
      });
      resolve({ exitCode, signal: signal || null, durationMs, peakRssBytes, largestProcess: sampler.largest, compilePeaks: sampler.compilePeaks, governed: sampler.governed });
    });
  });
  return {
    pid: term.pid,
    exited,
    async stop() {
      // A compile stopped at the gate would not hear SIGINT or SIGTERM.
      sampler.openGate();
      await killTree(term.pid);
      await Promise.race([exited, new Promise((r) => setTimeout(r, 1000))]);
    },
    pause: () => term.pause(),
    resume: () => term.resume(),
  };
}

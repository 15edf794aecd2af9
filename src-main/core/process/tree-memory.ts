import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { LargestProcess } from '../../common/domain';
import { COMPILE_GATE_COMM, type CompileGovernor, type GovernedCompiles, type LiveCompile } from './compile-governor';
import { descendantsOf } from './kill-tree';

async function rssBytes(pid: number): Promise<number> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Each process of a tree with its resident memory right now (Linux /proc; empty elsewhere). */
async function treeRss(rootPid: number): Promise<readonly { readonly pid: number; readonly bytes: number }[]> {
  if (process.platform !== 'linux') return [];
  const pids = [rootPid, ...(await descendantsOf(rootPid))];
  const sizes = await Promise.all(pids.map(rssBytes));
  return pids.map((pid, i) => ({ pid, bytes: sizes[i] ?? 0 }));
}

/** What a process is, from its argv: the program's file name and, for a compiler, the crate it compiles. */
export function processLabel(argv: readonly string[]): Omit<LargestProcess, 'rssBytes'> {
  const crateAt = argv.indexOf('--crate-name');
  return { program: basename(argv[0] ?? '') || '?', crate: crateAt >= 0 ? (argv[crateAt + 1] ?? null) : null };
}

/**
 * A compile's identity across builds, from a compiler's argv: the crate and the package directory its
 * source is in ("rustls rustls-0.23.46", "build_script_build ring-0.17.14"); null for other processes.
 */
export function compileKey(argv: readonly string[]): string | null {
  const crateAt = argv.indexOf('--crate-name');
  const crate = crateAt >= 0 ? argv[crateAt + 1] : undefined;
  if (!crate) return null;
  const source = argv.find((arg, i) => i > 0 && arg.endsWith('.rs') && !arg.startsWith('-'));
  if (!source) return crate;
  const parts = source.split(/[\\/]/);
  // pkg/src/lib.rs, pkg/src/bin/tool.rs: the directory above src; pkg/build.rs: its own directory.
  const srcAt = parts.lastIndexOf('src', parts.length - 2);
  const underSrc = parts.at(-1) !== 'build.rs' && srcAt >= 0 && srcAt >= parts.length - 4;
  const packageDir = underSrc ? parts[srcAt - 1] : parts.at(-2);
  return packageDir ? `${crate} ${packageDir}` : crate;
}

/** A process's state letter and program name from /proc/PID/stat (T: stopped). */
async function stateOf(pid: number): Promise<{ readonly state: string; readonly comm: string } | null> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    const close = stat.lastIndexOf(')');
    return { comm: stat.slice(stat.indexOf('(') + 1, close), state: stat.charAt(close + 2) };
  } catch {
    return null;
  }
}

async function argvOf(pid: number): Promise<readonly string[] | null> {
  try {
    const argv = (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0').filter(Boolean);
    return argv.length ? argv : null;
  } catch {
    return null;
  }
}

export interface SamplerOptions {
  readonly intervalMs?: number;
  /** Lets compiles through the gate only while they fit under its ceiling (the low-memory profile, with earlier measurements). */
  readonly governor?: CompileGovernor;
}

/**
 * Samples a process tree's RSS until stopped: `peak` is the largest sum seen, `largest` the biggest single
 * process, `compilePeaks` each compile's own peak. With a governor it also lets compiles through the gate.
 */
export class PeakMemorySampler {
  private peakBytes = 0;
  private largestSeen: LargestProcess | null = null;
  private readonly compileKeys = new Map<number, string>();
  private readonly compilePeakBytes = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private sampling = false;
  private gateOpen = false;
  private readonly intervalMs: number;
  private readonly governor: CompileGovernor | undefined;

  constructor(private readonly rootPid: number, options: SamplerOptions = {}) {
    this.governor = options.governor;
    // Every compile waits at the gate for a sample: sample often when governing.
    this.intervalMs = options.intervalMs ?? (options.governor ? 40 : 500);
  }

  start(): this {
    void this.sample();
    this.timer = setInterval(() => void this.sample(), this.intervalMs);
    this.timer.unref();
    return this;
  }

  private async sample(): Promise<void> {
    if (this.sampling) return;
    this.sampling = true;
    try {
      const sizes = await treeRss(this.rootPid);
      this.peakBytes = Math.max(this.peakBytes, sizes.reduce((sum, p) => sum + p.bytes, 0));
      const biggest = sizes.reduce<{ pid: number; bytes: number } | null>((best, p) => (p.bytes > (best?.bytes ?? 0) ? p : best), null);
      if (biggest && biggest.bytes > (this.largestSeen?.rssBytes ?? 0)) {
        const argv = await argvOf(biggest.pid);
        if (argv) this.largestSeen = { ...processLabel(argv), rssBytes: biggest.bytes };
      }
      const compiles = await this.compilesIn(sizes);
      if (this.gateOpen) this.letThrough(compiles.filter((c) => c.phase !== 'running').map((c) => c.pid));
      else if (this.governor) this.letThrough(this.governor.step(compiles, performance.now()));
    } finally {
      this.sampling = false;
    }
  }

  private async compilesIn(sizes: readonly { readonly pid: number; readonly bytes: number }[]): Promise<LiveCompile[]> {
    const compiles: LiveCompile[] = [];
    const alive = new Set(sizes.map((p) => p.pid));
    for (const pid of this.compileKeys.keys()) if (!alive.has(pid)) this.compileKeys.delete(pid);
    for (const { pid, bytes } of sizes) {
      if (bytes === 0) continue;
      // Only a compile's key is kept: a process caught between fork and exec still shows its parent's argv.
      let key = this.compileKeys.get(pid) ?? null;
      if (!key) {
        const argv = await argvOf(pid);
        key = argv ? compileKey(argv) : null;
        if (!key) continue;
        this.compileKeys.set(pid, key);
      }
      this.compilePeakBytes.set(key, Math.max(this.compilePeakBytes.get(key) ?? 0, bytes));
      // The gate's shell stops itself; once let through it becomes rustc (or the user's wrapper).
      const state = this.governor ? await stateOf(pid) : null;
      const phase = state?.comm !== COMPILE_GATE_COMM ? 'running' : state.state === 'T' ? 'at-gate' : 'arriving';
      compiles.push({ pid, key, rssBytes: bytes, phase });
    }
    return compiles;
  }

  private letThrough(pids: readonly number[]): void {
    for (const pid of pids) signal(pid, 'SIGCONT');
  }

  /** Lets every compile through the gate from now on (before the tree is stopped, so it hears the signals that stop it). */
  openGate(): void {
    if (!this.governor) return;
    this.gateOpen = true;
    this.letThrough([...this.compileKeys.keys()]);
  }

  stop(): number {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.openGate();
    return this.peakBytes;
  }

  get peak(): number {
    return this.peakBytes;
  }

  get largest(): LargestProcess | null {
    return this.largestSeen;
  }

  /** Each compile's peak RSS, by compileKey. */
  get compilePeaks(): Readonly<Record<string, number>> {
    return Object.fromEntries(this.compilePeakBytes);
  }

  /** How many compiles the governor held back and how long compiles waited in all (null without one). */
  get governed(): GovernedCompiles | null {
    return this.governor?.summary(performance.now()) ?? null;
  }
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // already gone
  }
}

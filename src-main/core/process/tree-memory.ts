import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { LargestProcess } from '../../common/domain';
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

async function labelOf(pid: number): Promise<Omit<LargestProcess, 'rssBytes'> | null> {
  try {
    const argv = (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0').filter(Boolean);
    return argv.length ? processLabel(argv) : null;
  } catch {
    return null;
  }
}

/** Samples a process tree's RSS until stopped: `peak` is the largest sum seen, `largest` the biggest single process. */
export class PeakMemorySampler {
  private peakBytes = 0;
  private largestSeen: LargestProcess | null = null;
  private timer: NodeJS.Timeout | undefined;
  private sampling = false;

  constructor(private readonly rootPid: number, private readonly intervalMs = 500) {}

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
        const label = await labelOf(biggest.pid);
        if (label) this.largestSeen = { ...label, rssBytes: biggest.bytes };
      }
    } finally {
      this.sampling = false;
    }
  }

  stop(): number {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    return this.peakBytes;
  }

  get peak(): number {
    return this.peakBytes;
  }

  get largest(): LargestProcess | null {
    return this.largestSeen;
  }
}

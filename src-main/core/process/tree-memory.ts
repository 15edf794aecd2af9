import { readFile } from 'node:fs/promises';
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

/** Resident memory of a process and all its descendants right now (Linux /proc; 0 elsewhere). */
export async function treeRssBytes(rootPid: number): Promise<number> {
  if (process.platform !== 'linux') return 0;
  const pids = [rootPid, ...(await descendantsOf(rootPid))];
  const sizes = await Promise.all(pids.map(rssBytes));
  return sizes.reduce((a, b) => a + b, 0);
}

/** Samples a process tree's RSS until stopped; `peak` is the largest sum seen. */
export class PeakMemorySampler {
  private peakBytes = 0;
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
      this.peakBytes = Math.max(this.peakBytes, await treeRssBytes(this.rootPid));
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
}

import { readFileSync, writeFileSync } from 'node:fs';

/** How much more the kernel's OOM killer should prefer a tool Wheelbench starts than Wheelbench itself. */
export const TOOL_OOM_PREFERENCE = 500;

let toolScore: number | null = null;

/** Our own oom_score_adj plus the preference, capped at the kernel's maximum (1000). */
function toolOomScore(): number {
  if (toolScore === null) {
    let own = 0;
    try {
      own = Number.parseInt(readFileSync('/proc/self/oom_score_adj', 'utf8'), 10) || 0;
    } catch {
      // No /proc: the write below fails quietly too.
    }
    toolScore = Math.min(1000, own + TOOL_OOM_PREFERENCE);
  }
  return toolScore;
}

/**
 * Makes a tool just started, and every process it starts later, the kernel's choice ahead of Wheelbench
 * when memory runs out (a cgroup limit or the whole machine): a build killed for memory is reported and
 * can be run again with less, while a killed Wheelbench takes the session and its report with it.
 * Raising a process's score needs no privilege. Linux only; best effort.
 */
export function preferForOomKill(pid: number | undefined): void {
  if (process.platform !== 'linux' || pid === undefined) return;
  try {
    // Synchronously, before the tool gets far enough to fork: children inherit the score at fork.
    writeFileSync(`/proc/${pid}/oom_score_adj`, String(toolOomScore()));
  } catch {
    // It has already exited, or /proc is not writable here.
  }
}

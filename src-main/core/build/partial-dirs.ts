import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';

// maturin writes each target's wheel into a hidden directory inside the output directory; the wheel
// moves out only once checked. The directory names the process that owns it, so a later build can
// clear what a killed Wheelbench left behind without touching another Wheelbench's build in progress.

const PREFIX = '.wheelbench-partial-';
const PARTIAL = /^\.wheelbench-partial-(\d+)-/;

/** Whether a folder name is one of these partial directories. */
export function isPartialDirName(name: string): boolean {
  return name.startsWith(PREFIX);
}

export function partialDirFor(outDir: string, jobId: string, target: string): string {
  return join(outDir, `${PREFIX}${process.pid}-${jobId}-${target}`);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes the partial directories in `outDir` whose process is gone; returns their names. */
export async function removeAbandonedPartials(outDir: string): Promise<string[]> {
  const names = await readdir(outDir).catch(() => [] as string[]);
  const abandoned = names.filter((name) => {
    const pid = PARTIAL.exec(name)?.[1];
    return pid !== undefined && !isRunning(Number(pid));
  });
  await Promise.all(abandoned.map((name) => rm(join(outDir, name), { recursive: true, force: true })));
  return abandoned;
}

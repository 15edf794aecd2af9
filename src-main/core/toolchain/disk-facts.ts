import { existsSync, statfsSync } from 'node:fs';
import { dirname } from 'node:path';

// Disk space as a build sees it (memory is build/memory-budget's: the cgroup limit before RAM).

export interface DiskFacts {
  readonly path: string;
  readonly freeBytes: number;
  readonly totalBytes: number;
}

/** Free space on the filesystem holding `path` (or its nearest existing parent); null when unknown. */
export function diskFacts(path: string): DiskFacts | null {
  let dir = path;
  while (!existsSync(dir) && dirname(dir) !== dir) dir = dirname(dir);
  try {
    const st = statfsSync(dir);
    return { path: dir, freeBytes: st.bavail * st.bsize, totalBytes: st.blocks * st.bsize };
  } catch {
    return null;
  }
}

export function formatGiB(bytes: number): string {
  return `${(bytes / 2 ** 30).toFixed(1)} GiB`;
}

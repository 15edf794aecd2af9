import { existsSync, readFileSync, statfsSync } from 'node:fs';
import { availableParallelism, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import type { SystemPaths } from './context';

// Memory, disk and CPU as a build sees them. A container's memory limit is its cgroup's, not the machine's:
// a 2-core Codespace reports the host's RAM in /proc/meminfo but is killed at its cgroup limit.

export interface MemoryFacts {
  readonly totalBytes: number;
  /** The cgroup limit this process runs under, when there is one below total RAM. */
  readonly cgroupLimitBytes: number | null;
  readonly cgroupVersion: 1 | 2 | null;
  /** What a build may use: the cgroup limit, else total RAM. */
  readonly budgetBytes: number;
}

const NO_LIMIT_V1 = 2 ** 60;

export function memoryFacts(paths: SystemPaths = {}, total: number = totalmem()): MemoryFacts {
  const root = paths.cgroupRoot ?? '/sys/fs/cgroup';
  const membership = readText(paths.procSelfCgroup ?? '/proc/self/cgroup') ?? '';
  const limit = cgroupV2Limit(root, membership) ?? cgroupV1Limit(root, membership);
  const cgroupLimitBytes = limit && limit.bytes < total ? limit.bytes : null;
  return {
    totalBytes: total,
    cgroupLimitBytes,
    cgroupVersion: cgroupLimitBytes === null ? null : (limit?.version ?? null),
    budgetBytes: cgroupLimitBytes ?? total,
  };
}

/** cgroup v2: `0::/path` in /proc/self/cgroup, `memory.max` in that group or any parent. */
function cgroupV2Limit(root: string, membership: string): { bytes: number; version: 2 } | null {
  const path = /^0::(\/.*)$/m.exec(membership)?.[1];
  if (path === undefined) return null;
  const base = existsSync(join(root, 'cgroup.controllers')) ? root : join(root, 'unified');
  const bytes = smallestUpwards(base, path, 'memory.max');
  return bytes === null ? null : { bytes, version: 2 };
}

/** cgroup v1: the `memory` controller's path, `memory.limit_in_bytes` there or in a parent. */
function cgroupV1Limit(root: string, membership: string): { bytes: number; version: 1 } | null {
  const path = /^\d+:(?:[^:]*,)?memory(?:,[^:]*)?:(\/.*)$/m.exec(membership)?.[1];
  if (path === undefined) return null;
  const bytes = smallestUpwards(join(root, 'memory'), path, 'memory.limit_in_bytes');
  return bytes === null ? null : { bytes, version: 1 };
}

/** The smallest numeric limit in `file` from the group up to the hierarchy's root ("max" means none). */
function smallestUpwards(base: string, groupPath: string, file: string): number | null {
  let smallest: number | null = null;
  let dir = join(base, groupPath).replace(/[\\/]+$/, '') || base;
  for (;;) {
    const value = readText(join(dir, file))?.trim();
    if (value && /^\d+$/.test(value) && Number(value) < NO_LIMIT_V1) smallest = Math.min(smallest ?? Infinity, Number(value));
    if (dir === base || !dir.startsWith(base)) break;
    dir = dirname(dir);
  }
  return smallest;
}

/** rustc and the linker need about this much per parallel job on a PyO3 crate graph. */
export const MEMORY_PER_JOB_BYTES = 1.5 * 2 ** 30;

export function suggestedJobs(budgetBytes: number, cpus: number = availableParallelism()): number {
  return Math.max(1, Math.min(cpus, Math.floor(budgetBytes / MEMORY_PER_JOB_BYTES)));
}

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

function readText(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

export function formatGiB(bytes: number): string {
  return `${(bytes / 2 ** 30).toFixed(1)} GiB`;
}

import { availableParallelism, totalmem } from 'node:os';
import type { DoctorCheck } from '../../../common/domain';
import { jobsForBudget, type MemoryFacts } from '../../build/memory-budget';
import { formatGiB, type DiskFacts } from '../disk-facts';
import { failed, lines, passed } from './check';

const MEMORY = { id: 'system.memory', title: 'Memory for builds' };
const DISK = { id: 'system.disk', title: 'Free disk space' };
const CODESPACES = { id: 'system.codespaces', title: 'GitHub Codespaces' };

/** Below this a release build of a PyO3 crate with its dependencies risks the OOM killer. */
const LOW_MEMORY_BYTES = 4 * 2 ** 30;

export function memoryCheck(memory: MemoryFacts, cpus: number = availableParallelism(), totalBytes: number = totalmem()): DoctorCheck {
  const jobs = jobsForBudget(memory.limitBytes, null, cpus);
  const limit =
    memory.source === 'total-ram'
      ? `${formatGiB(memory.limitBytes)} RAM, no container memory limit`
      : `${memory.source.replace('-', ' ')} memory limit ${formatGiB(memory.limitBytes)} (of ${formatGiB(totalBytes)} RAM): builds are killed above it, whatever the machine has`;
  const detail = lines(`${limit}; ${cpus} CPU${cpus === 1 ? '' : 's'}.`, `About ${jobs} parallel compile job${jobs === 1 ? '' : 's'} fit.`);
  if (memory.limitBytes < LOW_MEMORY_BYTES) {
    return failed(MEMORY, 'warn', lines(detail, `Under ${formatGiB(LOW_MEMORY_BYTES)}, release builds get killed (signal 9) when too many jobs link at once.`), {
      summary: `Build with the low-memory profile (CARGO_BUILD_JOBS=${jobs}, no fat LTO, no debuginfo).`,
      command: 'wheelbench build . --profile low-memory',
    });
  }
  return passed(MEMORY, detail);
}

export function diskCheck(places: readonly { readonly what: string; readonly facts: DiskFacts | null }[]): DoctorCheck {
  const known = places.filter((place): place is { what: string; facts: DiskFacts } => place.facts !== null);
  if (known.length === 0) return failed(DISK, 'skip', 'Free space could not be read.', { summary: 'Nothing to do.' });
  const seen = new Set<string>();
  const rows = known.filter((place) => !seen.has(place.facts.path) && seen.add(place.facts.path));
  const detail = rows.map((place) => `${place.what}: ${formatGiB(place.facts.freeBytes)} free on ${place.facts.path}`).join('\n');
  const least = Math.min(...rows.map((place) => place.facts.freeBytes));
  const clean = { summary: 'Free some space: old cargo target dirs are usually the largest (cargo clean in projects you no longer build).' };
  if (least < 2 ** 30) return failed(DISK, 'error', lines(detail, 'Under 1 GiB free: builds fail with "No space left on device".'), clean);
  if (least < 5 * 2 ** 30) return failed(DISK, 'warn', lines(detail, 'Under 5 GiB free: a release build with its dependencies can use several GiB.'), clean);
  return passed(DISK, detail);
}

/** Only present in a Codespace: its size, and what Wheelbench does about a small one. */
export function codespacesCheck(env: NodeJS.ProcessEnv, memory: MemoryFacts, cpus: number = availableParallelism()): DoctorCheck | null {
  if (env.CODESPACES !== 'true') return null;
  const name = env.CODESPACE_NAME ? ` ${env.CODESPACE_NAME}` : '';
  const size = `${cpus}-core, ${formatGiB(memory.limitBytes)} memory`;
  const detail = `Codespace${name}: ${size}. Builds default to the low-memory profile here.`;
  if (cpus <= 2 || memory.limitBytes < 8 * 2 ** 30) {
    return failed(CODESPACES, 'warn', lines(detail, 'A 2-core Codespace builds large crates slowly and close to its memory limit.'), {
      summary: 'For large crates, change the machine type to 4 cores or more (Codespaces → Change machine type), or use prebuilt wheels.',
    });
  }
  return passed(CODESPACES, detail);
}

import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BuildProfile } from '../../common/domain';
import { writeFileAtomic } from '../fs/atomic-write';

// What each compile of a project took (peak RSS of its rustc, by compileKey), per profile and target.
// The low-memory profile reads it to run compiles side by side only while they fit (CompileGovernor).
// A profile's own measurements only: release runs each rustc with more codegen threads and fat LTO, so
// its compiles are bigger than low-memory's.

type CompilePeaks = Readonly<Record<string, number>>;

interface CompileMemoryFile {
  readonly version: 1;
  /** By `${profile} ${triple}`. */
  readonly builds: Readonly<Record<string, CompilePeaks>>;
}

/** A project's name in the data dir (its cargo target dir, its compile measurements). */
export const projectDigest = (projectRoot: string) => createHash('sha256').update(projectRoot).digest('hex').slice(0, 16);

const fileFor = (dataDir: string, projectRoot: string) => join(dataDir, 'compile-memory', `${projectDigest(projectRoot)}.json`);

async function readFileFor(dataDir: string, projectRoot: string): Promise<CompileMemoryFile> {
  try {
    const parsed = JSON.parse(await readFile(fileFor(dataDir, projectRoot), 'utf8')) as CompileMemoryFile;
    if (parsed.version === 1 && parsed.builds && typeof parsed.builds === 'object') return parsed;
  } catch {
    // Missing or damaged: nothing measured yet.
  }
  return { version: 1, builds: {} };
}

/** Each compile's peak on earlier builds of this project, profile and target; null before the first. */
export async function recallCompilePeaks(dataDir: string, projectRoot: string, profile: BuildProfile, triple: string): Promise<CompilePeaks | null> {
  const peaks = (await readFileFor(dataDir, projectRoot)).builds[`${profile} ${triple}`];
  return peaks && Object.keys(peaks).length > 0 ? peaks : null;
}

/** Adds a build's measurements: a compile measured again takes its new peak, the others stay. */
export async function rememberCompilePeaks(dataDir: string, projectRoot: string, profile: BuildProfile, triple: string, measured: CompilePeaks): Promise<void> {
  if (Object.keys(measured).length === 0) return;
  const memory = await readFileFor(dataDir, projectRoot);
  const key = `${profile} ${triple}`;
  const next: CompileMemoryFile = { version: 1, builds: { ...memory.builds, [key]: { ...memory.builds[key], ...measured } } };
  await mkdir(join(dataDir, 'compile-memory'), { recursive: true });
  await writeFileAtomic(fileFor(dataDir, projectRoot), `${JSON.stringify(next)}\n`);
}

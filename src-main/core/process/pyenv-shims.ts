import { readFileSync } from 'node:fs';
import { basename, delimiter, dirname, join } from 'node:path';
import { readFileHead } from '../fs/file-head';
import { findExecutable } from './which';

// pyenv puts a bash script in front of every Python command (`~/.pyenv/shims/python3`). Running one costs
// a quarter of a second on a small machine, and the doctor would run a dozen. pyenv's choice of version
// is simple and documented (PYENV_VERSION, then .python-version from the working directory up, then
// $PYENV_ROOT/version, else `system`), so it is made here, and the real executable runs instead.

export type ShimResolution =
  | { readonly kind: 'not-a-shim' }
  | {
      readonly kind: 'resolved';
      readonly executable: string;
      readonly version: string;
      readonly pyenvRoot: string;
      /** Every version pyenv selects, in order (what `pyenv exec` exports as PYENV_VERSION). */
      readonly versions: readonly string[];
    }
  | {
      readonly kind: 'unresolved';
      readonly pyenvRoot: string;
      /** The versions pyenv would try, in order. */
      readonly versions: readonly string[];
      /** What pyenv itself would say. */
      readonly message: string;
    };

const SHIM_MARKER = /exec "([^"]+)\/libexec\/pyenv" exec/;

/** The pyenv root a shim belongs to, or null when the file is not a pyenv shim. */
export function pyenvShimRoot(path: string): string | null {
  if (basename(dirname(path)) !== 'shims') return null;
  const head = readFileHead(path);
  const match = SHIM_MARKER.exec(head);
  return match ? (match[1] ?? null) : null;
}

/** The executable pyenv would run for this shim, decided without running pyenv. */
export function resolvePyenvShim(path: string, env: NodeJS.ProcessEnv, cwd: string = process.cwd()): ShimResolution {
  const shimRoot = pyenvShimRoot(path);
  if (shimRoot === null) return { kind: 'not-a-shim' };
  const pyenvRoot = env.PYENV_ROOT || shimRoot;
  const program = basename(path);
  const versions = selectedVersions(pyenvRoot, env, cwd);
  for (const version of versions) {
    const executable =
      version === 'system'
        ? findExecutable(program, { ...env, PATH: withoutShims(env.PATH ?? '', dirname(path)) })
        : findExecutable(join(pyenvRoot, 'versions', version, 'bin', program), env);
    if (executable !== null) return { kind: 'resolved', executable, version, pyenvRoot, versions };
  }
  return {
    kind: 'unresolved',
    pyenvRoot,
    versions,
    message: `pyenv: ${program}: command not found (not in the active version${versions.length > 1 ? 's' : ''} ${versions.join(', ')})`,
  };
}

/** The versions pyenv selects, in order: PYENV_VERSION, .python-version up from cwd, the global file. */
export function selectedVersions(pyenvRoot: string, env: NodeJS.ProcessEnv, cwd: string): readonly string[] {
  if (env.PYENV_VERSION?.trim()) return env.PYENV_VERSION.split(':').map((v) => v.trim()).filter(Boolean);
  for (let dir = cwd, depth = 0; depth < 64; depth++) {
    const local = readVersionFile(join(dir, '.python-version'));
    if (local !== null) return local;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return readVersionFile(join(pyenvRoot, 'version')) ?? ['system'];
}

function readVersionFile(path: string): readonly string[] | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return null;
  }
  const versions = text
    .split(/\r?\n/)
    .map((line) => line.replace(/#.*/, '').trim())
    .flatMap((line) => line.split(/\s+/))
    .filter(Boolean);
  return versions.length ? versions : null;
}

function withoutShims(path: string, shimsDir: string): string {
  return path
    .split(delimiter)
    .filter((dir) => dir !== shimsDir)
    .join(delimiter);
}

/** The real file behind a tool path: a pyenv shim's target when it resolves, else the path itself. */
export function behindShim(path: string, env: NodeJS.ProcessEnv): string {
  const shim = resolvePyenvShim(path, env);
  return shim.kind === 'resolved' ? shim.executable : path;
}

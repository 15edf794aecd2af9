import { readdirSync, realpathSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, join, sep } from 'node:path';
import { findExecutable } from '../process/which';
import type { ToolchainContext } from './context';
import { probe } from './probe';
import { resolvePyenvShim } from '../process/pyenv-shims';

const PYTHON_NAME = process.platform === 'win32' ? /^python(3(\.\d+)?)?\.exe$/i : /^python3(\.\d+)?$/;

export interface PythonOnPath {
  /** The first path under which this file appears on PATH. */
  readonly path: string;
  readonly realpath: string;
  /** Every PATH entry that is the same file. */
  readonly aliases: readonly string[];
}

/** Every `python3` / `python3.N` on PATH in PATH order, one entry per distinct file. */
export function pythonsOnPath(env: NodeJS.ProcessEnv): readonly PythonOnPath[] {
  const byRealpath = new Map<string, { path: string; realpath: string; aliases: string[] }>();
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    for (const name of pythonNamesIn(dir)) {
      const path = findExecutable(join(dir, name), env);
      if (path === null) continue;
      const real = safeRealpath(path);
      const known = byRealpath.get(real);
      if (known) {
        if (!known.aliases.includes(path)) known.aliases.push(path);
      } else {
        byRealpath.set(real, { path, realpath: real, aliases: [path] });
      }
    }
  }
  return [...byRealpath.values()];
}

function pythonNamesIn(dir: string): readonly string[] {
  return namesIn(dir, PYTHON_NAME);
}

/** Entries of a dir whose names match, in natural order (3.9 before 3.10); none when it cannot be read. */
function namesIn(dir: string, keep: RegExp): readonly string[] {
  try {
    return readdirSync(dir)
      .filter((name) => keep.test(name))
      .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  } catch {
    return [];
  }
}

export function safeRealpath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/** Where an interpreter comes from, as a user would name it. */
export type PythonOrigin = 'venv' | 'conda' | 'pyenv' | 'uv' | 'nix' | 'homebrew' | 'system' | 'other';

export type PythonProbe =
  | {
      readonly ok: true;
      readonly path: string;
      readonly version: string;
      readonly executable: string;
      /** `sysconfig.get_platform()`: `linux-x86_64`, `macosx-11.0-arm64`, `win-amd64`. */
      readonly platform: string;
      readonly origin: PythonOrigin;
    }
  | { readonly ok: false; readonly path: string; readonly reason: string; readonly said: string };

const REPORT_SELF = [
  'import sys,os,sysconfig',
  "print('%d.%d.%d' % tuple(sys.version_info[:3]))",
  'print(os.path.realpath(sys.executable))',
  'print(sysconfig.get_platform())',
  'print(sys.prefix)',
  "print(getattr(sys, 'base_prefix', sys.prefix))",
].join(';');

/**
 * Asks an interpreter its version, real executable, platform and prefixes. A pyenv shim is resolved to
 * the interpreter it stands for first, so the answer comes without running pyenv.
 */
export async function probePython(ctx: ToolchainContext, path: string): Promise<PythonProbe> {
  const shim = resolvePyenvShim(path, ctx.env);
  if (shim.kind === 'unresolved') return { ok: false, path, reason: shim.message, said: shim.message };
  const target = shim.kind === 'resolved' ? shim.executable : path;
  const run = await probe(ctx, target, ['-S', '-c', REPORT_SELF], { label: 'python -c <report version>' });
  if (!run.ok) return { ok: false, path, reason: run.reason, said: run.timedOut ? '' : run.said };
  const [version, executable, platform, prefix, basePrefix] = run.stdout.split(/\r?\n/).map((line) => line.trim());
  if (!version || !/^\d+\.\d+\.\d+$/.test(version)) {
    return { ok: false, path, reason: 'did not report a Python version', said: '' };
  }
  const real = executable || target;
  const origin = pythonOrigin({ executable: real, prefix: prefix ?? '', basePrefix: basePrefix ?? '' }, ctx.env);
  return { ok: true, path, version, executable: real, platform: platform || 'unknown', origin };
}

/** Classifies an interpreter by where it lives. Pure: the facts come from the interpreter itself. */
export function pythonOrigin(
  facts: { readonly executable: string; readonly prefix: string; readonly basePrefix: string },
  env: NodeJS.ProcessEnv,
): PythonOrigin {
  const { executable, prefix, basePrefix } = facts;
  if (prefix && basePrefix && prefix !== basePrefix) return 'venv';
  const home = env.HOME || homedir();
  const under = (root: string) => executable.startsWith(root.endsWith(sep) ? root : `${root}${sep}`);
  if (/[\\/](ana|mini)conda3?[\\/]|[\\/]miniforge3?[\\/]|[\\/]mambaforge[\\/]/i.test(executable) || env.CONDA_PREFIX && under(env.CONDA_PREFIX)) {
    return 'conda';
  }
  if (under(join(env.PYENV_ROOT || join(home, '.pyenv'), 'versions'))) return 'pyenv';
  if (under(uvPythonDir(env)) || /[\\/]uv[\\/]python[\\/]/.test(executable)) return 'uv';
  if (executable.startsWith('/nix/store/')) return 'nix';
  if (/^\/(opt\/homebrew|usr\/local\/(Cellar|opt))\//.test(executable)) return 'homebrew';
  if (/^\/(usr\/(local\/)?)?(bin|lib)\//.test(executable) || /^[A-Z]:\\(Program Files|Python)/i.test(executable)) return 'system';
  return 'other';
}

/** Where `uv python install` puts interpreters. */
export function uvPythonDir(env: NodeJS.ProcessEnv): string {
  if (env.UV_PYTHON_INSTALL_DIR) return env.UV_PYTHON_INSTALL_DIR;
  const data = env.XDG_DATA_HOME || join(env.HOME || homedir(), '.local', 'share');
  return join(data, 'uv', 'python');
}

/** Interpreters installed by pyenv and uv (names only: listing them costs nothing, running them would). */
export function installedInterpreterNames(env: NodeJS.ProcessEnv): { readonly pyenv: readonly string[]; readonly uv: readonly string[] } {
  const pyenvRoot = env.PYENV_ROOT || join(env.HOME || homedir(), '.pyenv');
  return { pyenv: namesIn(join(pyenvRoot, 'versions'), /^\d|^pypy|^graalpy/), uv: namesIn(uvPythonDir(env), /^(cpython|pypy|graalpy)-/) };
}

/** The interpreter of the environment a tool was installed into (a venv, pipx, a pyenv version), if any. */
export function pythonsBeside(toolPath: string, env: NodeJS.ProcessEnv): readonly string[] {
  const names = process.platform === 'win32' ? ['python.exe'] : ['python3', 'python'];
  const shim = resolvePyenvShim(toolPath, env);
  const real = shim.kind === 'resolved' ? shim.executable : toolPath;
  const dirs = [...new Set([dirname(real), dirname(safeRealpath(real))])];
  return dirs.flatMap((dir) => {
    const found = names.map((name) => findExecutable(join(dir, name), env)).find((path) => path !== null);
    return found ? [found] : [];
  });
}

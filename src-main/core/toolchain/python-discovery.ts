import { readdirSync, realpathSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { findExecutable } from '../process/which';
import type { ToolchainContext } from './context';
import { probe } from './probe';

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
  try {
    return readdirSync(dir)
      .filter((name) => PYTHON_NAME.test(name))
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

export type PythonProbe =
  | { readonly ok: true; readonly path: string; readonly version: string; readonly executable: string }
  | { readonly ok: false; readonly path: string; readonly reason: string; readonly said: string };

const REPORT_SELF = "import sys,os;print('%d.%d.%d' % tuple(sys.version_info[:3]));print(os.path.realpath(sys.executable))";

/** Asks an interpreter its version and the real executable behind it (shims and venvs included). */
export async function probePython(ctx: ToolchainContext, path: string): Promise<PythonProbe> {
  const run = await probe(ctx, path, ['-S', '-c', REPORT_SELF], { label: 'python -c <report version>' });
  if (!run.ok) return { ok: false, path, reason: run.reason, said: run.timedOut ? '' : run.said };
  const [version, executable] = run.stdout.split(/\r?\n/).map((line) => line.trim());
  if (!version || !/^\d+\.\d+\.\d+$/.test(version)) {
    return { ok: false, path, reason: 'did not report a Python version', said: '' };
  }
  return { ok: true, path, version, executable: executable || path };
}

/** The interpreter of the environment a tool was installed into (a venv, pipx, a pyenv version), if any. */
export function pythonsBeside(toolPath: string, env: NodeJS.ProcessEnv): readonly string[] {
  const names = process.platform === 'win32' ? ['python.exe'] : ['python3', 'python'];
  const dirs = [...new Set([dirname(toolPath), dirname(safeRealpath(toolPath))])];
  return dirs.flatMap((dir) => {
    const found = names.map((name) => findExecutable(join(dir, name), env)).find((path) => path !== null);
    return found ? [found] : [];
  });
}

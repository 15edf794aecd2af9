import { findExecutable } from '../process/which';
import type { ToolchainContext } from './context';
import { probePython, pythonsOnPath } from './python-discovery';
import { compareVersions, isOlderThan, parseVersion, type Version } from './versions';

export const MINIMUM_TOOLS_PYTHON = '3.8.0';

export type BasePython =
  | { readonly ok: true; readonly executable: string; readonly version: string }
  | { readonly ok: false; readonly message: string };

/** The interpreter to create the tools venv with: `python3` when it is new enough, else the newest python3.N. */
export async function findBasePython(ctx: ToolchainContext): Promise<BasePython> {
  const preferred = findExecutable(process.platform === 'win32' ? 'python' : 'python3', ctx.env);
  const paths = [...new Set([preferred, ...pythonsOnPath(ctx.env).map((python) => python.path)])].filter(
    (path): path is string => path !== null,
  );
  if (paths.length === 0) {
    return {
      ok: false,
      message: `No python3 on PATH: Wheelbench needs Python ${MINIMUM_TOOLS_PYTHON} or newer to create its tools virtualenv. Install Python 3 (Debian/Ubuntu: sudo apt-get install python3 python3-venv) and try again.`,
    };
  }
  const probes = await Promise.all(paths.map((path) => probePython(ctx, path)));
  const usable = probes.flatMap((probe) => (probe.ok && !isOlderThan(probe.version, MINIMUM_TOOLS_PYTHON) ? [probe] : []));
  const first = usable[0];
  if (first === undefined) {
    const seen = probes.map((probe) => (probe.ok ? `${probe.path} (${probe.version})` : `${probe.path} (does not run)`));
    return {
      ok: false,
      message: `Wheelbench needs Python ${MINIMUM_TOOLS_PYTHON} or newer on PATH to create its tools virtualenv; found only ${seen.join(', ')}. Install a newer Python 3 and try again.`,
    };
  }
  const chosen = first.path === preferred ? first : usable.reduce((best, probe) => (newer(probe.version, best.version) ? probe : best));
  return { ok: true, executable: chosen.executable, version: chosen.version };
}

function newer(a: string, b: string): boolean {
  const [va, vb] = [parseVersion(a), parseVersion(b)] as [Version | null, Version | null];
  return va !== null && vb !== null && compareVersions(va, vb) > 0;
}

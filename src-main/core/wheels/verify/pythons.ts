import { runCaptured } from '../../process/spawn';
import type { ToolchainContext } from '../../toolchain/context';
import { findBasePython } from '../../toolchain/base-python';
import { managedPython } from '../../toolchain/managed-paths';
import { pythonsOnPath } from '../../toolchain/python-discovery';
import { formatVersion, isOlderThan, parseVersion } from '../../toolchain/versions';
import { parsePythonFacts, PYTHON_FACTS_SCRIPT, type PythonCandidate } from './interpreter-choice';

// The interpreters a verification can use: Pythons on this machine's PATH (python3 first), or one in
// a target-architecture root run through qemu; and a host pip new enough to install into either.

/** `pip --python` (install into another interpreter's environment) arrived in pip 22.3. */
export const MINIMUM_PIP = '22.3.0';

/** How to start an interpreter: its own path, or qemu-user with the root's libraries. */
export interface Launcher {
  readonly command: readonly string[];
}

export const hostLauncher = (python: string): Launcher => ({ command: [python] });
export const qemuLauncher = (qemu: string, root: string, python: string): Launcher => ({ command: [qemu, '-L', root, python] });

export async function probeLauncher(ctx: ToolchainContext, launcher: Launcher): Promise<PythonCandidate | null> {
  const [file, ...args] = launcher.command as [string, ...string[]];
  const run = await runCaptured({ file, args: [...args, '-S', '-c', PYTHON_FACTS_SCRIPT], baseEnv: ctx.env, envDelta: { PYTHONPATH: undefined, PYTHONHOME: undefined } }, { timeoutMs: 30_000 });
  const facts = run.exitCode === 0 ? parsePythonFacts(run.stdout) : null;
  return facts ? { ...facts, path: launcher.command.at(-1) as string } : null;
}

/** Every Python 3 on PATH that runs, `python3` first, then the others in PATH order. */
export async function hostPythons(ctx: ToolchainContext): Promise<PythonCandidate[]> {
  const paths = pythonsOnPath(ctx.env).map((p) => p.path);
  const ordered = [...paths.filter((p) => /python3(\.exe)?$/i.test(p)), ...paths.filter((p) => !/python3(\.exe)?$/i.test(p))];
  const probes = await Promise.all(ordered.map((path) => probeLauncher(ctx, hostLauncher(path))));
  return probes.filter((p): p is PythonCandidate => p !== null);
}

/** A host Python whose pip can install into another environment (`pip --python`); null if none. */
export async function findPipInstaller(ctx: ToolchainContext, preferred: readonly string[]): Promise<string | null> {
  const base = await findBasePython(ctx);
  const candidates = [...new Set([...preferred, managedPython(ctx.dataDir), ...(base.ok ? [base.executable] : [])])];
  for (const python of candidates) {
    const run = await runCaptured({ file: python, args: ['-m', 'pip', '--version'], baseEnv: ctx.env }, { timeoutMs: 30_000 });
    const version = run.exitCode === 0 ? parseVersion(run.stdout) : null;
    if (version && !isOlderThan(formatVersion(version), MINIMUM_PIP)) return python;
  }
  return null;
}

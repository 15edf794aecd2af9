import type { DoctorCheck, Fix } from '../../../common/domain';
import type { ToolchainContext } from '../context';
import { installedInterpreterNames, probePython, pythonsOnPath, type PythonProbe } from '../python-discovery';
import { isOlderThan } from '../versions';
import { failed, lines, passed } from './check';

const PYTHONS = { id: 'python.interpreters', title: 'Python interpreters' };
export const MINIMUM_PYTHON = '3.8.0';

export async function pythonCheck(ctx: ToolchainContext): Promise<DoctorCheck> {
  const onPath = pythonsOnPath(ctx.env);
  const installed = installedElsewhere(ctx.env);
  if (onPath.length === 0) {
    return failed(PYTHONS, 'error', lines('No python3 or python3.N on PATH: maturin needs an interpreter to build for.', installed), installPythonFix());
  }
  const probes = await Promise.all(onPath.map((python) => probePython(ctx, python.path)));
  const working = groupByExecutable(probes);
  // A pyenv shim for a version that is not active is not an interpreter, just a placeholder.
  const unusable = probes.flatMap((probe) =>
    probe.ok || /^pyenv: /.test(probe.said) ? [] : [`Not usable: ${probe.path} (${probe.said || probe.reason})`],
  );
  const found = working.map((python) => `Python ${python.version} (${describeBuild(python)}) at ${python.executable}${viaNote(python)}`);
  const detail = lines(...found, ...unusable, installed);
  if (working.length === 0) {
    return failed(PYTHONS, 'error', lines('No Python interpreter on PATH runs.', detail), installPythonFix());
  }
  if (working.every((python) => isOlderThan(python.version, MINIMUM_PYTHON))) {
    return failed(PYTHONS, 'warn', lines(`Every interpreter is older than Python ${MINIMUM_PYTHON}, which maturin and PyO3 need.`, detail), installPythonFix());
  }
  return passed(PYTHONS, detail);
}

interface Interpreter {
  readonly version: string;
  readonly executable: string;
  readonly platform: string;
  readonly origin: string;
  readonly names: readonly string[];
}

function groupByExecutable(probes: readonly PythonProbe[]): readonly Interpreter[] {
  const byExecutable = new Map<string, Interpreter & { names: string[] }>();
  for (const probe of probes) {
    if (!probe.ok) continue;
    const known = byExecutable.get(probe.executable);
    if (known) known.names.push(probe.path);
    else byExecutable.set(probe.executable, { ...probe, names: [probe.path] });
  }
  return [...byExecutable.values()];
}

/** `x86_64, pyenv`: the architecture from the platform tag, and where the interpreter comes from. */
function describeBuild(python: Interpreter): string {
  const arch = python.platform.split('-').pop() ?? python.platform;
  return `${arch}, ${python.origin}`;
}

function viaNote(python: Interpreter): string {
  const others = python.names.filter((name) => name !== python.executable);
  return others.length ? ` (on PATH as ${others.join(', ')})` : '';
}

/** Interpreters pyenv or uv installed that are not on PATH as themselves; maturin's -i can use them. */
function installedElsewhere(env: NodeJS.ProcessEnv): string | null {
  const { pyenv, uv } = installedInterpreterNames(env);
  return lines(
    pyenv.length ? `Installed with pyenv: ${pyenv.join(', ')}` : null,
    uv.length ? `Installed with uv: ${uv.join(', ')}` : null,
  ) || null;
}

function installPythonFix(): Fix {
  if (process.platform === 'win32') return { summary: 'Install Python 3 from https://www.python.org/downloads/ and tick "Add to PATH".' };
  if (process.platform === 'darwin') return { summary: 'Install Python 3.', command: 'brew install python' };
  return { summary: 'Install Python 3 with venv support.', command: 'sudo apt-get install python3 python3-venv' };
}

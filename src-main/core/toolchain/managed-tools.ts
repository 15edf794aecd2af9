import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { ManagedTool } from '../../common/domain';
import { findBasePython } from './base-python';
import type { ToolchainContext } from './context';
import { explainPipFailure, explainVenvFailure } from './install-failures';
import { managedExecutable, managedPython, managedVenvDir } from './managed-paths';
import { probe } from './probe';
import { runLiveStep } from './pty-step';
import { formatVersion, parseVersion } from './versions';

export { managedBinDir, managedVenvDir } from './managed-paths';

export interface InstallOutcome {
  readonly ok: boolean;
  readonly message: string;
}

const PYPI_PACKAGE: Readonly<Record<ManagedTool, string>> = { maturin: 'maturin', zig: 'ziglang', auditwheel: 'auditwheel', abi3audit: 'abi3audit' };

const PIP_ENV = {
  PIP_NO_INPUT: '1',
  PIP_DISABLE_PIP_VERSION_CHECK: '1',
  PIP_USER: undefined,
  PIP_REQUIRE_VIRTUALENV: undefined,
  PYTHONHOME: undefined,
  PYTHONPATH: undefined,
} as const;

/**
 * Creates the venv if needed (python3 -m venv; find a python3 >= 3.8 on ctx.env PATH) and pip-installs the
 * tools (maturin -> package "maturin", zig -> package "ziglang"), streaming all output live through onData
 * (runInPty). Resolves with ok/message; never throws for tool failures.
 */
export function installManagedTools(
  ctx: ToolchainContext,
  tools: readonly ManagedTool[],
  onData: (bytes: Buffer) => void,
  signal?: AbortSignal,
): Promise<InstallOutcome> {
  return oneAtATime(managedVenvDir(ctx.dataDir), async () => {
    try {
      return await install(ctx, [...new Set(tools)], onData, signal);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return { ok: false, message: `Installing ${tools.join(' and ')} failed unexpectedly: ${reason}` };
    }
  });
}

async function install(
  ctx: ToolchainContext,
  tools: readonly ManagedTool[],
  onData: (bytes: Buffer) => void,
  signal: AbortSignal | undefined,
): Promise<InstallOutcome> {
  if (tools.length === 0) return { ok: true, message: 'Nothing to install.' };
  const venv = managedVenvDir(ctx.dataDir);
  const python = managedPython(ctx.dataDir);
  const retry = `wheelbench tools install ${tools.join(' ')}`;
  const say = (text: string) => onData(Buffer.from(`\x1b[1m${text}\x1b[0m\r\n`, 'utf8'));
  const cancelled = { ok: false, message: `Cancelled. Run \`${retry}\` to finish the installation.` };

  if (!(await venvHasPip(ctx, python))) {
    const base = await findBasePython(ctx);
    if (!base.ok) return { ok: false, message: base.message };
    say(`Creating Wheelbench's tools virtualenv in ${venv} with Python ${base.version} (${base.executable})…`);
    await mkdir(dirname(venv), { recursive: true });
    const created = await runLiveStep(ctx, base.executable, ['-m', 'venv', '--clear', venv], onData, signal, PIP_ENV);
    if (created.cancelled) return cancelled;
    if (created.startError !== null) return { ok: false, message: created.startError };
    if (created.exitCode !== 0) return { ok: false, message: explainVenvFailure(created.output, base.executable, base.version) };
  }

  const packages = tools.map((tool) => PYPI_PACKAGE[tool]);
  say(`Installing ${packages.join(', ')} from PyPI with pip…`);
  const pip = await runLiveStep(ctx, python, ['-m', 'pip', 'install', '--upgrade', ...packages], onData, signal, PIP_ENV);
  if (pip.cancelled) return cancelled;
  if (pip.startError !== null) return { ok: false, message: pip.startError };
  if (pip.exitCode !== 0) return { ok: false, message: explainPipFailure(pip.output, packages, retry) };

  const installed = await Promise.all(tools.map((tool) => installedVersion(ctx, tool)));
  const missing = tools.filter((_, index) => installed[index] === null);
  if (missing.length > 0) {
    return { ok: false, message: `pip reported success, but ${missing.join(' and ')} does not run from ${venv}. Run \`${retry}\` again.` };
  }
  const names = tools.map((tool, index) => `${tool} ${installed[index]}`).join(' and ');
  say(`Installed ${names}.`);
  return { ok: true, message: `Installed ${names} into Wheelbench's own tools (${venv}).` };
}

async function venvHasPip(ctx: ToolchainContext, python: string): Promise<boolean> {
  return (await probe(ctx, python, ['-m', 'pip', '--version'], { timeoutMs: 15_000 })).ok;
}

async function installedVersion(ctx: ToolchainContext, tool: ManagedTool): Promise<string | null> {
  const run =
    tool === 'zig'
      ? await probe(ctx, managedPython(ctx.dataDir), ['-m', 'ziglang', 'version'], { timeoutMs: 15_000 })
      : await probe(ctx, managedExecutable(ctx.dataDir, tool), ['--version'], { timeoutMs: 15_000 });
  if (!run.ok) return null;
  const version = parseVersion(run.stdout);
  return version ? formatVersion(version) : 'unknown version';
}

const queues = new Map<string, Promise<unknown>>();

/** Two installs into one venv would race pip against itself; the second waits for the first. */
function oneAtATime<T>(key: string, task: () => Promise<T>): Promise<T> {
  const previous = queues.get(key) ?? Promise.resolve();
  const next = previous.then(task, task);
  queues.set(key, next);
  const forget = () => {
    if (queues.get(key) === next) queues.delete(key);
  };
  next.then(forget, forget);
  return next;
}

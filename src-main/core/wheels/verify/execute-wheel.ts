import { resolve } from 'node:path';
import type { VerifyExecution, WheelReport } from '../../../common/wheel-report';
import { findExecutable } from '../../process/which';
import { describePython, describeWanted, fitsTags, type PythonCandidate } from './interpreter-choice';
import { installAndImport } from './install-and-import';
import { ensureDebianRoot, pythonsInRoot } from './python-root';
import { findPipInstaller, hostLauncher, hostPythons, probeLauncher, qemuLauncher } from './pythons';
import { currentHost, planExecution, type ForeignArch, type HostFacts } from './run-plan';
import type { StepIo } from './step-io';

export interface ExecuteOptions {
  /** Python code run after the imports (an expression's value is printed). */
  readonly smoke: string | null;
  /** A target-architecture Python root the user points at, instead of the one Wheelbench prepares. */
  readonly pythonRoot: string | null;
  readonly host?: HostFacts;
}

const notExecuted = (reason: string, fix?: { summary: string; command?: string }): VerifyExecution => ({ status: 'not-executed', reason, ...(fix ? { fix } : {}) });

const PIP_FIX = { summary: 'Upgrade pip in your Python (pip 22.3 or newer can install into another environment).', command: 'python3 -m pip install --upgrade pip' };

/** Runs a wheel wherever it can run: on this machine, or under qemu-user; says why when it cannot. */
export async function executeWheel(io: StepIo, report: WheelReport, options: ExecuteOptions): Promise<VerifyExecution> {
  const plan = planExecution(report.tags, options.host ?? currentHost(), options.pythonRoot !== null);
  if (plan.kind === 'none') return notExecuted(plan.reason, plan.fix);
  const base = { wheel: report.path, modules: report.importNames, smoke: options.smoke };
  const wanted = describeWanted(report.tags);

  if (plan.kind === 'host') {
    const pythons = await hostPythons(io.ctx);
    const python = pythons.find((p) => fitsTags(report.tags, p));
    if (!python) return notExecuted(noFit(wanted, 'on PATH', pythons), { summary: `Install ${wanted} (or put it on PATH) and verify again.` });
    const installer = await findPipInstaller(io.ctx, [python.path]);
    if (!installer) return notExecuted('No Python on this machine has pip 22.3 or newer, which Wheelbench uses to install into the test environment.', PIP_FIX);
    return installAndImport(io, { ...base, runner: 'host', base: hostLauncher(python.path), python, installer, wrap: null });
  }

  const { foreign } = plan;
  const qemu = findExecutable(foreign.qemu, io.ctx.env) ?? findExecutable(`${foreign.qemu}-static`, io.ctx.env);
  if (!qemu) {
    return notExecuted(`This ${foreign.arch} wheel runs under qemu-user, and ${foreign.qemu} is not installed.`, { summary: 'Install qemu-user (Debian/Ubuntu).', command: 'sudo apt-get install qemu-user' });
  }
  const root = options.pythonRoot ? { ok: true as const, root: resolve(options.pythonRoot) } : await ensureDebianRoot(io, foreign);
  if (!root.ok) return notExecuted(root.reason, root.fix);
  const python = await rootPython(io, qemu, root.root, foreign, report);
  if (typeof python === 'string') return notExecuted(python, options.pythonRoot ? undefined : { summary: `Point Wheelbench at an ${foreign.arch} root with ${wanted}.`, command: 'wheelbench verify WHEEL --python-root DIR' });
  const installer = await findPipInstaller(io.ctx, []);
  if (!installer) return notExecuted('No Python on this machine has pip 22.3 or newer, which Wheelbench uses to install into the test environment.', PIP_FIX);
  io.say(`Running ${foreign.arch} code under ${qemu} with ${describePython(python)} from ${root.root}.`);
  return installAndImport(io, {
    ...base,
    runner: 'qemu',
    base: qemuLauncher(qemu, root.root, python.path),
    python,
    installer,
    wrap: (venvPython) => qemuLauncher(qemu, root.root, venvPython),
  });
}

/** The root's interpreter that fits the wheel, or why there is none. */
async function rootPython(io: StepIo, qemu: string, root: string, foreign: ForeignArch, report: WheelReport): Promise<PythonCandidate | string> {
  const paths = await pythonsInRoot(root, foreign.arch);
  if (paths.length === 0) return `${root} holds no ${foreign.arch} python3.X (looked in usr/bin, usr/local/bin, bin).`;
  const probes = await Promise.all(paths.map((path) => probeLauncher(io.ctx, qemuLauncher(qemu, root, path))));
  const pythons = probes.filter((p): p is PythonCandidate => p !== null);
  if (pythons.length === 0) return `The ${foreign.arch} Python in ${root} does not start under ${qemu} (${paths.join(', ')}): is the root complete (libc, libpython)?`;
  return pythons.find((p) => fitsTags(report.tags, p)) ?? noFit(describeWanted(report.tags), `in ${root}`, pythons);
}

function noFit(wanted: string, where: string, found: readonly PythonCandidate[]): string {
  const seen = found.length ? found.map(describePython).join(', ') : 'none that runs';
  return `The wheel needs ${wanted}; the Pythons ${where} are ${seen}.`;
}

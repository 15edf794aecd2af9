import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Fix } from '../../../common/domain';
import type { SmokeResult, VerifyExecution, VerifyRunner, VerifyStage } from '../../../common/wheel-report';
import type { StepResult } from '../../toolchain/pty-step';
import { shellQuote } from '../../toolchain/shell-quote';
import { describePython, type PythonCandidate } from './interpreter-choice';
import type { Launcher } from './pythons';
import type { StepIo } from './step-io';

// The real thing: a fresh virtualenv, the wheel installed into it by pip from the local file only
// (no index, no dependencies), then every module imported from an empty working directory, so
// nothing in a source tree can stand in for what the wheel installed.

export interface InstallPlan {
  readonly runner: VerifyRunner;
  readonly base: Launcher;
  readonly python: PythonCandidate;
  /** A host Python whose pip (≥ 22.3) installs into the venv with `pip --python`. */
  readonly installer: string;
  /** Set for qemu: venv interpreters are started through it. */
  readonly wrap: ((venvPython: string) => Launcher) | null;
  readonly wheel: string;
  readonly modules: readonly string[];
  readonly smoke: string | null;
}

/** Imports each module (argv[1], JSON), prints a line per module and writes the results to argv[2]. */
const IMPORT_SCRIPT = `
import importlib, json, os, sys, traceback
results = []
for name in json.loads(sys.argv[1]):
    try:
        module = importlib.import_module(name)
        where = getattr(module, "__file__", None) or ""
        inside = not where or os.path.realpath(where).startswith(os.path.realpath(sys.prefix) + os.sep)
        error = None if inside else "imported from " + where + ", not from the installed wheel"
    except BaseException as exc:
        where, error = None, "".join(traceback.format_exception_only(type(exc), exc)).strip()
    results.append({"module": name, "ok": error is None, "error": error})
    print(("  ok    " + name + "  " + (where or "")) if error is None else ("  FAIL  " + name + ": " + error), flush=True)
with open(sys.argv[2], "w") as out:
    json.dump(results, out)
`;

/** Runs the smoke code (argv[1]); like the REPL, a final expression's value is printed. */
const SMOKE_SCRIPT = `
import ast, sys
tree = ast.parse(sys.argv[1], "<smoke>", "exec")
last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
scope = {"__name__": "__smoke__"}
exec(compile(tree, "<smoke>", "exec"), scope)
if last is not None:
    value = eval(compile(ast.Expression(last.value), "<smoke>", "eval"), scope)
    if value is not None:
        print(repr(value))
`;

interface ImportResult {
  readonly module: string;
  readonly ok: boolean;
  readonly error: string | null;
}

export async function installAndImport(io: StepIo, plan: InstallPlan): Promise<VerifyExecution> {
  const started = performance.now();
  const work = await mkdtemp(join(tmpdir(), 'wheelbench-verify-'));
  const failed = (stage: VerifyStage, message: string, step: StepResult | null, fix?: Fix): VerifyExecution => ({
    status: 'failed',
    runner: plan.runner,
    stage,
    message,
    output: tail(step?.output ?? ''),
    ...(fix ? { fix } : {}),
    durationMs: Math.round(performance.now() - started),
  });
  const cancelled = (stage: VerifyStage) => failed(stage, 'Cancelled.', null);
  try {
    const venv = join(work, 'venv');
    const elsewhere = join(work, 'elsewhere');
    await mkdir(elsewhere);
    io.say(`Creating a fresh virtualenv with ${describePython(plan.python)}…`);
    const created = await run(io, plan.base, ['-m', 'venv', '--without-pip', venv], {});
    if (created.cancelled) return cancelled('venv');
    if (created.exitCode !== 0) return failed('venv', `Could not create a virtualenv with ${plan.python.path}: ${lastLine(created)}`, created);

    const venvPython = process.platform === 'win32' ? join(venv, 'Scripts', 'python.exe') : join(venv, 'bin', 'python');
    const launcher = plan.wrap ? plan.wrap(venvPython) : { command: [venvPython] };
    const pipTarget = plan.wrap ? await wrapperScript(work, launcher) : venvPython;

    io.say('Installing the wheel (local file only, no dependencies)…');
    const installed = await io.run(plan.installer, ['-m', 'pip', '--isolated', '--python', pipTarget, 'install', '--no-deps', '--no-index', '--no-cache-dir', '--disable-pip-version-check', plan.wheel]);
    if (installed.cancelled) return cancelled('install');
    if (installed.exitCode !== 0) {
      const unsupported = /is not a supported wheel on this platform/.test(installed.output);
      return failed(
        'install',
        unsupported
          ? `pip refuses the wheel for ${describePython(plan.python)}: its tags do not match this interpreter.`
          : `pip could not install the wheel: ${lastLine(installed)}`,
        installed,
      );
    }

    io.say(`Importing ${plan.modules.join(', ') || 'nothing (no importable modules found)'} from an empty working directory…`);
    const resultFile = join(work, 'imports.json');
    const imported = await run(io, launcher, ['-c', IMPORT_SCRIPT, JSON.stringify(plan.modules), resultFile], { cwd: elsewhere, display: `-c <import each module> ${shellQuote(JSON.stringify(plan.modules))}` });
    if (imported.cancelled) return cancelled('import');
    const results = await readImports(resultFile);
    if (!results) return failed('import', `The import check did not finish: ${lastLine(imported)}`, imported);
    const broken = results.filter((r) => !r.ok);
    if (broken.length > 0) {
      return failed(
        'import',
        `After a real install, ${broken.map((r) => `\`import ${r.module}\` fails: ${r.error}`).join('; ')}`,
        imported,
        { summary: 'The wheel lacks something the source tree has (editable installs hide this): check that the extension module and every package are inside the wheel (module-name, python-source, packages).' },
      );
    }

    let smoke: SmokeResult | null = null;
    if (plan.smoke) {
      io.say('Running the project\'s smoke check…');
      const ran = await run(io, launcher, ['-c', SMOKE_SCRIPT, plan.smoke], { cwd: elsewhere, display: `-c <smoke check> ${shellQuote(plan.smoke)}` });
      if (ran.cancelled) return cancelled('smoke');
      if (ran.exitCode !== 0) return failed('smoke', `The smoke check failed: ${lastLine(ran)}`, ran, { summary: 'Fix the code the smoke check exercises, or the check in [tool.wheelbench] smoke.' });
      smoke = { code: plan.smoke, output: tail(ran.output, 2000).trim() };
    }
    return {
      status: 'imported',
      runner: plan.runner,
      python: describePython(plan.python),
      interpreter: plan.python.path,
      modules: results.map((r) => r.module),
      smoke,
      durationMs: Math.round(performance.now() - started),
    };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Runs the interpreter a launcher starts; `display` replaces the arguments in the echoed command. */
function run(io: StepIo, launcher: Launcher, args: readonly string[], options: { cwd?: string; display?: string }): Promise<StepResult> {
  const [file, ...prefix] = launcher.command as [string, ...string[]];
  const display = options.display ? `${launcher.command.map(shellQuote).join(' ')} ${options.display}` : undefined;
  return io.run(file, [...prefix, ...args], { ...(options.cwd ? { cwd: options.cwd } : {}), ...(display ? { display } : {}) });
}

/** pip's `--python` needs one executable; under qemu that is a tiny script starting qemu. */
async function wrapperScript(work: string, launcher: Launcher): Promise<string> {
  const path = join(work, 'python-under-qemu');
  await writeFile(path, `#!/bin/sh\nexec ${launcher.command.map(shellQuote).join(' ')} "$@"\n`);
  await chmod(path, 0o755);
  return path;
}

async function readImports(file: string): Promise<ImportResult[] | null> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as ImportResult[];
  } catch {
    return null;
  }
}

function lastLine(step: StepResult): string {
  if (step.startError) return step.startError;
  const lines = step.output.trim().split('\n').map((l) => l.trim()).filter(Boolean);
  return lines.at(-1) ?? `exit code ${step.exitCode}`;
}

function tail(text: string, chars = 4000): string {
  return text.length > chars ? `…${text.slice(-chars)}` : text;
}

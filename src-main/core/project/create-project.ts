import { join, resolve } from 'node:path';
import type { ParamsOf } from '../../common/contract';
import type { CreatedProject } from '../../common/domain';
import { WheelbenchError } from '../../common/errors';
import { writeFileAtomic } from '../fs/atomic-write';
import { runCaptured } from '../process/spawn';
import type { ToolchainContext } from '../toolchain/context';
import { resolveMaturin, toolEnvDelta } from '../toolchain/resolve';
import { plainText } from '../toolchain/terminal-text';
import { addPyo3Features } from './checks/pyo3-checks';
import { editToml } from './edit/toml-edit';
import { exists, isDirectory } from './files';
import { readProjectContext } from './model';
import { py, pyCompare, pyText } from './python-versions';
import { readProjectSummary } from './summary';

export type NewProjectRequest = ParamsOf<'createProject'>;

const CARGO_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

/** Creates a project with the real `maturin new` / `maturin init`, then applies the abi3 choice to Cargo.toml. */
export async function createProject(toolchain: ToolchainContext, request: NewProjectRequest): Promise<CreatedProject> {
  if (!CARGO_NAME.test(request.name)) {
    throw new WheelbenchError({
      code: 'invalid-arguments',
      message: `"${request.name}" cannot be a package name: use letters, digits, - and _, starting with a letter.`,
    });
  }
  const parent = resolve(request.dir);
  const projectDir = request.mode === 'new' ? join(parent, request.name) : parent;
  if (!(await isDirectory(parent))) throw new WheelbenchError({ code: 'not-found', message: `${parent} is not a folder.` });
  if (request.mode === 'new' && (await exists(projectDir))) {
    throw new WheelbenchError({ code: 'invalid-arguments', message: `${projectDir} already exists: choose another name or folder, or initialise it in place.` });
  }
  if (request.mode === 'init' && ((await exists(join(projectDir, 'Cargo.toml'))) || (await exists(join(projectDir, 'pyproject.toml'))))) {
    throw new WheelbenchError({ code: 'invalid-arguments', message: `${projectDir} already has a Cargo.toml or pyproject.toml: open it as a project instead.` });
  }
  const maturin = await resolveMaturin(toolchain);
  if (!maturin) {
    throw new WheelbenchError({ code: 'tool-missing', message: 'maturin is not installed, so it cannot create the project.', fix: { summary: 'Install maturin from the doctor, or run `pip install maturin`.', command: 'wheelbench tools install maturin' } });
  }
  const args = [request.mode, '--bindings', request.bindings, ...(request.mixed ? ['--mixed'] : []), '--name', request.name, projectDir];
  const run = await runCaptured(
    { file: maturin.path, args, cwd: parent, baseEnv: toolchain.env, envDelta: { ...toolEnvDelta(toolchain), NO_COLOR: '1' } },
    { timeoutMs: 60_000 },
  );
  const output = plainText(`${run.stdout}${run.stderr}`).trim();
  if (run.exitCode !== 0) {
    const said = output.split('\n').filter((l) => /error|caused by|failed/i.test(l)).join(' ') || output || (run.timedOut ? 'it timed out' : 'no output');
    throw new WheelbenchError({ code: 'internal', message: `maturin ${request.mode} failed: ${said}` });
  }
  if (request.abi3 !== null && request.bindings === 'pyo3') await enableAbi3(projectDir, request.abi3, toolchain.env);
  return { projectDir, command: [maturin.path, ...args], output, project: await readProjectSummary(projectDir, toolchain.env) };
}

async function enableAbi3(projectDir: string, tag: string, env: NodeJS.ProcessEnv): Promise<void> {
  if (!/^py3\d{1,2}$/.test(tag)) throw new WheelbenchError({ code: 'invalid-arguments', message: `abi3 must look like py39, not ${tag}.` });
  const ctx = await readProjectContext(projectDir, env);
  if (!ctx.pyo3) return;
  const plan = addPyo3Features(ctx.pyo3, [`abi3-${tag}`]);
  if (plan.kind !== 'edit') return;
  await writeFileAtomic(plan.file, editToml(ctx.pyo3.declaredAt.doc.text, plan.changes, plan.file));
  // The template's requires-python may reach below the abi3 floor: raise it to match.
  const floor = py(tag.replace(/^py(\d)(\d+)$/, '$1.$2'));
  const pyproject = ctx.pyproject;
  if (floor && pyproject && ctx.requiresPythonBounds?.min && pyCompare(ctx.requiresPythonBounds.min, floor) < 0) {
    const changes = [{ kind: 'set', path: ['project', 'requires-python'], value: `>=${pyText(floor)}` }] as const;
    await writeFileAtomic(pyproject.file, editToml(pyproject.text, changes, pyproject.file));
  }
}

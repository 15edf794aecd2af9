import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../../src-main/core/create-core';
import { exampleProject, tempDir } from '../../helpers/paths';
import { runPython, venvWithWheel } from '../../helpers/python';

// The New project wizard's backend with the real maturin: create, read the model, build, import.

describe('creating a project with maturin (real toolchain)', () => {
  it('maturin new with a mixed layout and abi3, then a build whose wheel imports', async () => {
    const core = createCore({ dataDir: tempDir('data'), mode: 'cli', version: 'test', exampleProject });
    const parent = tempDir('new');
    const created = await core.createProject({ mode: 'new', dir: parent, name: 'wizard-demo', bindings: 'pyo3', mixed: true, abi3: 'py39' });

    expect(created.projectDir).toBe(join(parent, 'wizard-demo'));
    expect(created.command.slice(1)).toEqual(['new', '--bindings', 'pyo3', '--mixed', '--name', 'wizard-demo', created.projectDir]);
    expect(created.project).toMatchObject({
      backend: 'maturin',
      name: 'wizard-demo',
      moduleName: 'wizard_demo',
      bindings: 'pyo3',
      pythonSource: join(created.projectDir, 'python'),
      abi3: 'py39',
      extension: { inWheel: 'wizard_demo/wizard_demo.abi3.so' },
    });
    expect(created.project.problems.filter((p) => p.severity === 'error')).toEqual([]);
    // The abi3 choice is a byte-preserving edit of the Cargo.toml maturin wrote.
    expect(readFileSync(join(created.projectDir, 'Cargo.toml'), 'utf8')).toMatch(/^pyo3 = \{ version = "[\d.]+", features = \["abi3-py39"\] \}$/m);
    // …and requires-python follows the abi3 floor, so no Python is offered a wheel it cannot use.
    expect(created.project.requiresPython).toBe('>=3.9');
    expect(await core.listRecentProjects({})).toContain(created.projectDir);

    const outDir = tempDir('out');
    const { jobId } = await core.startBuild({ projectDir: created.projectDir, outDir });
    const outcome = await core.waitForJob({ jobId });
    if (outcome.kind !== 'build') throw new Error('expected a build');
    expect(outcome.result.targets[0], JSON.stringify(outcome.result.targets[0])).toMatchObject({ status: 'ok' });
    const [wheel] = readdirSync(outDir);
    expect(wheel).toMatch(/^wizard_demo-0\.1\.0-cp39-abi3-.*\.whl$/);

    const python = venvWithWheel(join(tempDir('venv'), 'v'), join(outDir, wheel as string));
    expect(runPython(python, 'import wizard_demo; print(wizard_demo.sum_as_string(2, 40))', tempDir('cwd'))).toBe('42');
    await core.dispose();
  });

  it('maturin init in an existing folder; refuses folders that are already projects, and bad names', async () => {
    const core = createCore({ dataDir: tempDir('data'), mode: 'cli', version: 'test', exampleProject });
    const dir = tempDir('init');
    const created = await core.createProject({ mode: 'init', dir, name: 'in_place', bindings: 'bin', mixed: false, abi3: null });
    expect(created.projectDir).toBe(dir);
    expect(created.project).toMatchObject({ bindings: 'bin', name: 'in_place', backend: 'maturin' });
    await expect(core.createProject({ mode: 'init', dir, name: 'again', bindings: 'pyo3', mixed: false, abi3: null })).rejects.toThrow('already has a Cargo.toml or pyproject.toml');
    await expect(core.createProject({ mode: 'new', dir: tempDir('n'), name: '9lives', bindings: 'pyo3', mixed: false, abi3: null })).rejects.toThrow('cannot be a package name');
    await core.dispose();
  });
});

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ndjson, runCli } from '../../helpers/cli';
import { exampleProject, tempDir } from '../../helpers/paths';

describe('the CLI on bad input: a clear message and the contract exit code, never a stack trace', () => {
  it('a folder that is not a project', async () => {
    const dir = tempDir('empty');
    const { code, stderr } = await runCli(['build', dir, '--data-dir', tempDir('data')]);
    expect(code).toBe(2);
    expect(stderr).toContain(`${dir} is not a Python/Rust project: it has neither pyproject.toml nor Cargo.toml.`);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('a folder that does not exist', async () => {
    const { code, stderr } = await runCli(['project', '/nonexistent/wheelbench-project']);
    expect(code).toBe(2);
    expect(stderr).toContain('/nonexistent/wheelbench-project does not exist.');
  });

  it('a pyproject.toml that does not parse, with file:line:col', async () => {
    const dir = tempDir('broken');
    writeFileSync(join(dir, 'pyproject.toml'), '[project]\nname = "x"\nversion = \n');
    mkdirSync(join(dir, 'src'));
    const { code, stderr } = await runCli(['build', dir, '--data-dir', tempDir('data')]);
    expect(code).toBe(2);
    expect(stderr).toMatch(new RegExp(`${join(dir, 'pyproject.toml').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3:\\d+: `));
  });

  it('bad usage prints the usage and exits 2', async () => {
    const { code, stderr } = await runCli(['build']);
    expect(code).toBe(2);
    expect(stderr).toContain('build needs exactly one project DIR');
    expect(stderr).toContain('Usage:');
  });

  it('project --json describes the example', async () => {
    const { code, stdout } = await runCli(['project', exampleProject, '--json', '--data-dir', tempDir('data')]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({
      root: exampleProject,
      backend: 'maturin',
      name: 'hello-pyo3',
      moduleName: 'hello_pyo3._native',
      bindings: 'pyo3',
      pythonSource: join(exampleProject, 'python'),
      pyo3Version: '0.30',
      abi3: 'py39',
      version: '0.1.0',
      pythonRange: { min: '3.9', max: '3.15' },
    });
    expect(JSON.parse(stdout).problems.map((p: { id: string; severity: string }) => `${p.severity} ${p.id}`)).toEqual(['info compatibility.pep517-off']);
  });

  it('an unknown target in build --json: NDJSON ending in a result with the reason, exit 1', async () => {
    const { code, stdout } = await runCli(['build', exampleProject, '--target', 'plan9-mips', '--json', '--data-dir', tempDir('data'), '--out', tempDir('out')]);
    expect(code).toBe(1);
    const events = ndjson(stdout);
    expect(events[0]).toMatchObject({ type: 'job-started', kind: 'build' });
    expect(events.at(-1)).toMatchObject({ type: 'result', targets: [{ target: 'plan9-mips', status: 'unavailable', wheel: null }] });
  });
});

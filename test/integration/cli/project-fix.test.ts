import { cpSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli';
import { repoRoot, tempDir } from '../../helpers/paths';

const fixture = (name: string) => {
  const dir = join(tempDir('cli-fix'), name);
  cpSync(join(repoRoot, 'test', 'fixtures', 'projects', name), dir, { recursive: true });
  return dir;
};

describe('wheelbench project --fix', () => {
  it('finds the problem, previews the diff with --dry-run, then applies it', async () => {
    const dir = fixture('module-name-mismatch');
    const data = ['--data-dir', tempDir('data')];
    const pyproject = join(dir, 'pyproject.toml');
    const original = readFileSync(pyproject, 'utf8');

    const check = await runCli(['project', dir, ...data]);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain(`error: Python will import ticker._core and look for PyInit__core, but the Rust code exports PyInit__native`);
    expect(check.stdout).toContain(`⚙ Set [tool.maturin] module-name = "ticker._native": wheelbench project ${dir} --fix module-name.mismatch`);

    const dry = await runCli(['project', dir, '--fix', 'module-name.mismatch', '--dry-run', ...data]);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('Would apply module-name.mismatch: Set [tool.maturin] module-name = "ticker._native"');
    expect(dry.stdout).toContain('--- a/pyproject.toml\n+++ b/pyproject.toml\n');
    expect(dry.stdout).toContain('\n-module-name = "ticker._core"\n+module-name = "ticker._native"\n');
    expect(dry.stdout).toContain('Nothing was written (--dry-run).');
    expect(readFileSync(pyproject, 'utf8')).toBe(original);
    expect(existsSync(`${pyproject}.bak`)).toBe(false);

    const applied = await runCli(['project', dir, '--fix', 'module-name.mismatch', '--json', ...data]);
    expect(applied.code).toBe(0);
    expect(JSON.parse(applied.stdout)).toMatchObject({ fixId: 'module-name.mismatch', backups: [`${pyproject}.bak`], files: [{ path: pyproject, created: false }] });
    expect(readFileSync(pyproject, 'utf8')).toBe(original.replace('"ticker._core"', '"ticker._native"'));
    expect(readFileSync(`${pyproject}.bak`, 'utf8')).toBe(original);
    expect((await runCli(['project', dir, ...data])).code).toBe(0);
  });

  it('an unknown fix id exits 2 and lists the fixes there are', async () => {
    const dir = fixture('no-extension-module');
    const { code, stderr } = await runCli(['project', dir, '--fix', 'nope', '--data-dir', tempDir('data')]);
    expect(code).toBe(2);
    expect(stderr).toContain(`error: No fix nope for ${dir}: the fixes available are pyo3.extension-module, crate-type.no-cdylib, abi3.not-used.`);
  });

  it('--dry-run without --fix is a usage error', async () => {
    const { code, stderr } = await runCli(['project', '.', '--dry-run']);
    expect(code).toBe(2);
    expect(stderr).toContain('--dry-run goes with --fix ID.');
  });
});

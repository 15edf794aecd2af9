import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { VerifyReport } from '../../../src-main/common/wheel-report';
import { aarch64ExampleWheel, hostExampleWheel } from '../../helpers/built-wheels';
import { runCli } from '../../helpers/cli';
import { exampleProject, tempDir } from '../../helpers/paths';
import { readWheelFiles, writeWheel } from '../../helpers/wheel-surgery';

// wheelbench verify for real: pip installs the wheel into a fresh virtualenv (local file only, no
// dependencies) and Python imports it from an empty directory — on this machine, or under qemu-user
// with an aarch64 Python that Wheelbench prepares from Debian's packages.

type Verified = VerifyReport & { ok: boolean; message: string };

async function verify(args: readonly string[], cwd?: string): Promise<{ code: number | null; result: Verified; stdout: string }> {
  const { code, stdout, stderr } = await runCli(['verify', ...args, '--json'], undefined, cwd);
  try {
    return { code, result: JSON.parse(stdout) as Verified, stdout };
  } catch {
    throw new Error(`verify printed no JSON (exit ${code}):\n${stdout}\n${stderr}`);
  }
}

/** Shared between runs so the aarch64 Python root is prepared once. */
const qemuDataDir = join(tmpdir(), 'wheelbench-test-qemu-data');

describe('wheelbench verify', () => {
  let host: string;
  beforeAll(() => {
    host = hostExampleWheel();
  });

  it('installs the host wheel into a fresh venv and imports every module from elsewhere', async () => {
    const { code, result } = await verify([host, '--data-dir', tempDir('data')]);
    expect(code).toBe(0);
    expect(result).toMatchObject({
      ok: true,
      wheel: host,
      inspection: { verdict: 'ok' },
      execution: { status: 'imported', runner: 'host', modules: ['hello_pyo3', 'hello_pyo3._native'], smoke: null },
    });
    expect(result.message).toMatch(/^Imported on this machine with CPython 3\.\d+\.\d+ \(x86_64\): hello_pyo3, hello_pyo3\._native\.$/);
    console.log(`host verify: ${result.execution.status === 'imported' ? result.execution.durationMs : '?'} ms (install + import), ${result.durationMs} ms with the inspection`);
  });

  it("runs the project's smoke check from pyproject.toml, and fails when it fails", async () => {
    const project = join(tempDir('smoke'), 'hello-pyo3');
    cpSync(exampleProject, project, { recursive: true, filter: (src) => !/[\\/](target|dist)([\\/]|$)/.test(src) });
    const pyproject = join(project, 'pyproject.toml');
    const original = readFileSync(pyproject, 'utf8');
    // The example has a smoke check of its own: replace it.
    const withSmoke = (code: string) => original.replace(/^smoke = .*$/m, `smoke = ${JSON.stringify(code)}`);
    expect(original).toMatch(/^\[tool\.wheelbench\]$/m);
    writeFileSync(pyproject, withSmoke('import hello_pyo3; hello_pyo3.add(2, 3) * 10'));
    const passed = await verify([host, '--project', project, '--data-dir', tempDir('data')]);
    expect(passed.code).toBe(0);
    expect(passed.result.execution).toMatchObject({ status: 'imported', smoke: { code: 'import hello_pyo3; hello_pyo3.add(2, 3) * 10', output: '50' } });

    writeFileSync(pyproject, withSmoke("import hello_pyo3; assert hello_pyo3.add(2, 2) == 5, 'maths'"));
    const failed = await verify([host, '--project', project, '--data-dir', tempDir('data')]);
    expect(failed.code).toBe(1);
    expect(failed.result.execution).toMatchObject({ status: 'failed', stage: 'smoke', message: 'The smoke check failed: AssertionError: maths' });
  });

  it('catches a wheel that imports from the source tree but not after a real install (seeds/004)', async () => {
    const files = await readWheelFiles(host);
    files.delete('hello_pyo3/_native.abi3.so');
    const wheel = writeWheel(tempDir('no-ext'), basename(host), files, { fixRecord: true });

    // A source tree like `maturin develop` leaves it: there, `import hello_pyo3` works.
    const tree = tempDir('tree');
    mkdirSync(join(tree, 'hello_pyo3'));
    const good = await readWheelFiles(host);
    writeFileSync(join(tree, 'hello_pyo3', '__init__.py'), good.get('hello_pyo3/__init__.py') as Buffer);
    writeFileSync(join(tree, 'hello_pyo3', '_native.abi3.so'), good.get('hello_pyo3/_native.abi3.so') as Buffer);
    expect(execFileSync('python3', ['-c', 'import hello_pyo3; print(hello_pyo3.add(1, 1))'], { cwd: tree, encoding: 'utf8' }).trim()).toBe('2');

    const inspected = JSON.parse((await runCli(['inspect', wheel, '--json', '--data-dir', tempDir('data')])).stdout);
    expect(inspected.problems.map((p: { id: string }) => p.id)).toContain('tags.platform-without-native-code');

    const { code, result } = await verify([wheel, '--data-dir', tempDir('data')], tree);
    expect(code).toBe(1);
    expect(result.execution).toMatchObject({ status: 'failed', runner: 'host', stage: 'import' });
    expect(result.message).toBe("Verification failed at the import step: After a real install, `import hello_pyo3` fails: ModuleNotFoundError: No module named 'hello_pyo3._native'");
  });

  it('runs the aarch64 wheel under qemu-user with a prepared aarch64 Python', async (ctx) => {
    const wheel = aarch64ExampleWheel();
    if (!wheel) return ctx.skip('no aarch64 Rust standard library here (rustc-web + libstd-rust-web-dev:arm64, see .ci/setup)');
    const { code, result, stdout } = await verify([wheel, '--data-dir', qemuDataDir]);
    expect(code, stdout).toBe(0);
    expect(result.execution).toMatchObject({ status: 'imported', runner: 'qemu', python: expect.stringMatching(/^CPython 3\.\d+\.\d+ \(aarch64\)$/), modules: ['hello_pyo3', 'hello_pyo3._native'] });
    console.log(`qemu verify: ${result.execution.status === 'imported' ? result.execution.durationMs : '?'} ms (venv + install + import under qemu), ${result.durationMs} ms in all`);
  });

  it('uses a Python root the user points at, and says what is wrong with one that has no Python', async (ctx) => {
    const wheel = aarch64ExampleWheel();
    if (!wheel) return ctx.skip('no aarch64 Rust standard library here (see .ci/setup)');
    const root = join(qemuDataDir, 'python-roots', 'arm64');
    const pointed = await verify([wheel, '--python-root', root, '--data-dir', tempDir('data')]);
    expect(pointed.result.execution).toMatchObject({ status: 'imported', runner: 'qemu' });

    const empty = tempDir('empty-root');
    const { code, result } = await verify([wheel, '--python-root', empty, '--data-dir', tempDir('data')]);
    expect(code).toBe(0);
    expect(result.execution).toEqual({ status: 'not-executed', reason: `${empty} holds no aarch64 python3.X (looked in usr/bin, usr/local/bin, bin).` });
    expect(result.message).toBe(`Not executed: ${empty} holds no aarch64 python3.X (looked in usr/bin, usr/local/bin, bin).`);
  });
});

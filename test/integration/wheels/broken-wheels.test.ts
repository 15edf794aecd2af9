import { execFileSync } from 'node:child_process';
import { copyFileSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { WheelReport } from '../../../src-main/common/wheel-report';
import { aarch64ExampleWheel, hostExampleWheel } from '../../helpers/built-wheels';
import { runCli } from '../../helpers/cli';
import { tempDir } from '../../helpers/paths';
import { readWheelFiles, retag, writeWheel, type WheelFiles } from '../../helpers/wheel-surgery';

// Real wheels broken on purpose, each the way it happens in practice, inspected by the CLI: every
// fault detected with the message a person needs, and the exit code the CLI contract promises.

const NATIVE = 'hello_pyo3/_native.abi3.so';
let host: string;
let files: WheelFiles;
let dir: string;
let dataDir: string;

async function inspect(path: string): Promise<{ code: number | null; report: WheelReport }> {
  const { code, stdout, stderr } = await runCli(['inspect', path, '--json', '--data-dir', dataDir]);
  if (!stdout.trim().startsWith('{"path"') && !stdout.trim().startsWith('{\n')) throw new Error(`no report: ${stdout}\n${stderr}`);
  return { code, report: JSON.parse(stdout) as WheelReport };
}

const copyOf = (f: WheelFiles) => new Map(f);
const ids = (r: WheelReport) => r.problems.map((p) => p.id);

describe('broken wheels, detected with the right message', () => {
  beforeAll(async () => {
    host = hostExampleWheel();
    files = await readWheelFiles(host);
    dir = tempDir('broken');
    dataDir = tempDir('data');
  });

  it('a file changed after the build (RECORD hash no longer matches)', async () => {
    const changed = copyOf(files);
    changed.set('hello_pyo3/__init__.py', Buffer.from('print("tampered")\n'));
    const { code, report } = await inspect(writeWheel(tempDir('hash'), basename(host), changed));
    expect(code).toBe(1);
    expect(ids(report)).toEqual(['record.hash-mismatch']);
    expect(report.problems[0]?.message).toMatch(/^hello_pyo3\/__init__\.py does not match its RECORD hash \(line \d+\): the file was changed after the wheel was built/);
  });

  it('a file that is not in RECORD, and a file in RECORD that is missing', async () => {
    const extra = copyOf(files);
    extra.set('hello_pyo3/backdoor.py', Buffer.from('import os\n'));
    expect(ids((await inspect(writeWheel(tempDir('extra'), basename(host), extra))).report)).toEqual(['record.unlisted']);
    const missing = copyOf(files);
    missing.delete('hello_pyo3/__init__.py');
    const { report } = await inspect(writeWheel(tempDir('missing'), basename(host), missing));
    expect(ids(report)).toEqual(['record.missing-file']);
    expect(report.problems[0]?.message).toMatch(/^RECORD lists hello_pyo3\/__init__\.py \(line \d+\), but the wheel does not contain it/);
  });

  it('an extension whose architecture contradicts the tag (an aarch64 binary in an x86_64 wheel)', async (ctx) => {
    const arm = aarch64ExampleWheel();
    if (!arm) return ctx.skip('no aarch64 Rust standard library here (see .ci/setup)');
    const armFiles = await readWheelFiles(arm);
    const name = retag(armFiles, basename(arm), 'manylinux_2_17_x86_64');
    const { code, report } = await inspect(writeWheel(tempDir('arch'), name, armFiles, { fixRecord: true }));
    expect(code).toBe(1);
    expect(report.problems.find((p) => p.id === 'binary.arch-mismatch')?.message).toBe(
      `${NATIVE} is built for aarch64, but the wheel is tagged manylinux_2_17_x86_64: pip installs it on x86_64 machines and the import fails there.`,
    );
  });

  it('an extension that does not export PyInit_<name> (module-name and #[pymodule] disagree)', async () => {
    const src = join(dir, 'wrong.c');
    writeFileSync(src, 'void *PyInit_hello(void) { return 0; }\n');
    execFileSync('cc', ['-shared', '-fPIC', '-o', join(dir, 'wrong.so'), src]);
    const wrong = copyOf(files);
    wrong.set(NATIVE, readFileSync(join(dir, 'wrong.so')));
    const { code, report } = await inspect(writeWheel(tempDir('pyinit'), basename(host), wrong, { fixRecord: true }));
    expect(code).toBe(1);
    expect(report.binaries[0]).toMatchObject({ module: { initSymbol: 'PyInit__native', exportsInit: false } });
    expect(report.problems.find((p) => p.id === 'binary.no-pyinit')?.message).toBe(
      `${NATIVE} does not export PyInit__native, so \`import hello_pyo3._native\` fails with "dynamic module does not define module export function (PyInit__native)".`,
    );
  });

  it('a linux_x86_64 tag on a binary that already meets a manylinux policy (auditwheel says which)', async () => {
    const retagged = copyOf(files);
    const name = retag(retagged, basename(host), 'linux_x86_64');
    const { code, report } = await inspect(writeWheel(tempDir('linux'), name, retagged, { fixRecord: true }));
    expect(code).toBe(0);
    expect(report.audits.manylinux).toMatchObject({ status: 'failed', verdict: expect.stringMatching(/^manylinux_2_\d+_x86_64$/) });
    const problem = report.problems.find((p) => p.id === 'tags.linux-not-manylinux');
    expect(problem?.message).toMatch(/^The wheel is tagged linux_x86_64, which PyPI rejects, but its binaries already meet manylinux_2_\d+_x86_64: only the tag is wrong\.$/);
    expect(problem?.fix?.command).toMatch(/^auditwheel repair ".*linux_x86_64\.whl" -w /);
  });

  it('a truncated download and a file that is not a zip: exit 2 with a sentence, no stack trace', async () => {
    const cut = join(tempDir('cut'), basename(host));
    copyFileSync(host, cut);
    truncateSync(cut, 4000);
    const truncated = await runCli(['inspect', cut, '--data-dir', dataDir]);
    expect(truncated.code).toBe(2);
    expect(truncated.stderr).toContain(`error: ${basename(host)} is not a wheel: the zip archive is truncated: its central directory (at the end of the file) is missing, after 4000 bytes.`);
    expect(truncated.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);

    const html = join(tempDir('html'), basename(host));
    writeFileSync(html, '<!DOCTYPE html><html><body>404</body></html>');
    const notZip = await runCli(['inspect', html, '--json', '--data-dir', dataDir]);
    expect(notZip.code).toBe(2);
    expect(JSON.parse(notZip.stdout)).toMatchObject({ error: { code: 'malformed-input', message: `${basename(host)} is not a wheel: it is not a zip archive: it looks like an HTML/XML page (a download that saved an error page?).` } });
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { WheelReport } from '../../../src-main/common/wheel-report';
import { aarch64ExampleWheel, hostExampleWheel } from '../../helpers/built-wheels';
import { runCli } from '../../helpers/cli';
import { tempDir } from '../../helpers/paths';

// Wheels maturin really built (for this machine, and cross-built for aarch64 with zig), inspected by
// the CLI with the real auditwheel and abi3audit.

describe('wheelbench inspect on real wheels', () => {
  it('the host wheel: tags, metadata, RECORD, an x86_64 extension exporting PyInit__native, manylinux and abi3 verdicts', async () => {
    const wheel = hostExampleWheel();
    const { code, stdout } = await runCli(['inspect', wheel, '--json', '--data-dir', tempDir('data')]);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as WheelReport;
    expect(report).toMatchObject({
      distribution: 'hello_pyo3',
      version: '0.1.0',
      wheelFile: { wheelVersion: '1.0', rootIsPurelib: false },
      metadata: { name: 'hello-pyo3', version: '0.1.0', requiresPython: '>=3.9', license: 'MIT' },
      record: { status: 'ok' },
      binaries: [{ path: 'hello_pyo3/_native.abi3.so', format: 'elf', architectures: ['x86_64'], module: { name: 'hello_pyo3._native', initSymbol: 'PyInit__native', exportsInit: true, suffix: '.abi3' } }],
      importNames: ['hello_pyo3', 'hello_pyo3._native'],
      audits: { manylinux: { status: 'passed', verdict: expect.stringMatching(/^manylinux_2_\d+_x86_64$/) }, abi3: { status: 'passed', verdict: 'abi3 ≥ 3.9' } },
      problems: [],
      verdict: 'ok',
    });
    expect(report.wheelFile?.tags).toEqual(report.tags);
    expect(report.largestFiles[0]?.path).toBe('hello_pyo3/_native.abi3.so');
    const sizes = report.largestFiles.map((f) => f.sizeBytes);
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
  });

  it('keeps the audit verdicts on disk for the next run, even though the CLI exits as soon as it has printed', async () => {
    const data = tempDir('data');
    const { code } = await runCli(['inspect', hostExampleWheel(), '--json', '--data-dir', data]);
    expect(code).toBe(0);
    const cacheDir = join(data, 'cache');
    expect(readdirSync(cacheDir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const saved = JSON.parse(readFileSync(join(cacheDir, 'doctor-probes.json'), 'utf8')) as { probes: Record<string, { answer: { stdout: string } }> };
    const outputs = Object.values(saved.probes).map((p) => p.answer.stdout);
    expect(outputs.some((o) => o.includes('"overall_tag"'))).toBe(true); // auditwheel show --json
    expect(outputs.some((o) => o.includes('"is_abi3": true'))).toBe(true); // abi3audit -R
  });

  it('prints the same for people, ending in a verdict', async () => {
    const { code, stdout } = await runCli(['inspect', hostExampleWheel(), '--data-dir', tempDir('data')]);
    expect(code).toBe(0);
    expect(stdout).toContain('RECORD:       ✓ every file listed');
    expect(stdout).toMatch(/hello_pyo3\/_native\.abi3\.so {2}elf x86_64 · PyInit__native exported ✓/);
    expect(stdout).toMatch(/manylinux: +✓ manylinux_2_\d+_x86_64 \(auditwheel\)/);
    expect(stdout.trim().split('\n').at(-1)).toMatch(/^✓ No problems found \(\d+ ms\)\.$/);
  });

  it('the aarch64 wheel cross-built with zig: aarch64 binary, manylinux_2_17_aarch64', async (ctx) => {
    const wheel = aarch64ExampleWheel();
    if (!wheel) return ctx.skip('no aarch64 Rust standard library here (rustc-web + libstd-rust-web-dev:arm64, see .ci/setup)');
    const { code, stdout } = await runCli(['inspect', wheel, '--json', '--data-dir', tempDir('data')]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({
      tags: [{ platform: 'manylinux2014_aarch64' }, { platform: 'manylinux_2_17_aarch64' }],
      binaries: [{ format: 'elf', architectures: ['aarch64'], module: { exportsInit: true } }],
      audits: { manylinux: { status: 'passed', verdict: 'manylinux_2_17_aarch64' }, abi3: { status: 'passed' } },
      problems: [],
    });
  });
});

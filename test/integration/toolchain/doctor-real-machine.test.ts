import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runDoctor } from '../../../src-main/core/toolchain/doctor';
import { resolveMaturin, resolveZig } from '../../../src-main/core/toolchain/resolve';
import { checkOf } from './fake-env';

// The development machine has rustup's stable toolchain (host std only), maturin and ziglang from pip in
// the pyenv Python, and Debian's protoc.
const ctx = { env: process.env, dataDir: mkdtempSync(join(tmpdir(), 'wb-data-')) };

describe('doctor on the real machine', () => {
  afterAll(() => rmSync(ctx.dataDir, { recursive: true, force: true }));

  it('finds the Rust toolchain, its host and the host std', async () => {
    const report = await runDoctor(ctx);
    const rustc = checkOf(report, 'rust.rustc');
    expect(rustc.status).toBe('ok');
    expect(rustc.detail).toMatch(/^rustc \d+\.\d+\.\d+/);
    expect(rustc.detail).toContain('host: x86_64-unknown-linux-gnu');
    expect(rustc.detail).toMatch(/sysroot: \/.+/);
    expect(rustc.detail).toMatch(/target std installed: .*x86_64-unknown-linux-gnu/);
    expect(checkOf(report, 'rust.cargo')).toMatchObject({ status: 'ok', detail: expect.stringMatching(/^cargo \d+\.\d+/) });
    const rustup = checkOf(report, 'rust.rustup');
    expect(rustup.status).toBe('ok');
    expect(rustup.detail).toMatch(/installed targets \(active toolchain\): .*x86_64-unknown-linux-gnu/);
  });

  it('finds maturin on PATH with its version, zig, interpreters and protoc', async () => {
    const report = await runDoctor(ctx);
    const maturin = checkOf(report, 'tool.maturin');
    expect(maturin.status).toBe('ok');
    expect(maturin.detail).toMatch(/^maturin 1\.\d+\.\d+, on PATH at \/.*maturin$/m);
    const zig = checkOf(report, 'tool.zig');
    expect(zig.status).toBe('ok');
    expect(zig.detail).toMatch(/zig 0\.\d+\.\d+ from the ziglang package of /);
    const pythons = checkOf(report, 'python.interpreters');
    expect(pythons.status).toBe('ok');
    expect(pythons.detail).toMatch(/Python 3\.11\.\d+ at \//);
    expect(checkOf(report, 'tool.protoc')).toMatchObject({ status: 'ok', detail: expect.stringMatching(/^libprotoc \d+\.\d+/) });
  });

  it('checks requested targets, resolving aliases and merging duplicates', async () => {
    const report = await runDoctor(ctx, { targets: ['host', 'linux-x86_64', 'x86_64-unknown-linux-gnu', 'linux-aarch64'] });
    const stdChecks = report.checks.filter((check) => check.id.startsWith('rust.std.'));
    expect(stdChecks.map((check) => check.id)).toEqual(['rust.std.x86_64-unknown-linux-gnu', 'rust.std.aarch64-unknown-linux-gnu']);
    expect(stdChecks[0]?.status).toBe('ok');
    const aarch64 = stdChecks[1];
    expect(aarch64?.status).toBe('error');
    expect(aarch64?.fix?.command).toBe('rustup target add aarch64-unknown-linux-gnu');
    expect(aarch64?.fix?.summary).toContain('rustc-web');
    expect(aarch64?.fix?.summary).toContain('libstd-rust-web-dev:arm64');
  });

  it('keeps its report contract: unique ids, a fix on every problem, and a quick run', async () => {
    const started = Date.now();
    const report = await runDoctor(ctx, { targets: ['linux-aarch64'] });
    const wall = Date.now() - started;
    const ids = report.checks.map((check) => check.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const check of report.checks) {
      expect(check.title.length).toBeGreaterThan(0);
      expect(check.detail.length).toBeGreaterThan(0);
      if (check.status !== 'ok') expect(check.fix?.summary.length).toBeGreaterThan(0);
    }
    // About 0.7 s on this 2-core machine when idle; the bound leaves room for builds running alongside.
    expect(report.durationMs).toBeLessThan(3000);
    expect(wall).toBeLessThan(3500);
    console.log(`doctor durationMs=${report.durationMs} (wall ${wall} ms)`);
  });

  it('resolves maturin from PATH and zig from the ziglang package', async () => {
    expect(await resolveMaturin(ctx)).toMatchObject({ source: 'path', version: expect.stringMatching(/^1\.\d+\.\d+$/) });
    expect(await resolveZig(ctx)).toMatchObject({ kind: 'ziglang', source: 'path', version: expect.stringMatching(/^0\.\d+/) });
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { onToolRun } from '../../../src-main/core/process/spawn';
import { diagnose, runDoctor } from '../../../src-main/core/toolchain/doctor';
import { ProbeCache } from '../../../src-main/core/toolchain/probe-cache';
import { resolveMaturin, resolveZig } from '../../../src-main/core/toolchain/resolve';
import { checkOf } from './fake-env';

// The machine as .ci/setup leaves it: rustup's stable toolchain (host std only) and nightly; Debian's
// rustc-web 1.96 with std for arm64 and rust-src; maturin and ziglang from pip in the pyenv (or system)
// Python; protoc, qemu-user, the aarch64 cross gcc and mingw-w64 from Debian.
const ctx = { env: process.env, dataDir: mkdtempSync(join(tmpdir(), 'wb-data-')) };

describe('doctor on the real machine', () => {
  afterAll(() => rmSync(ctx.dataDir, { recursive: true, force: true }));

  it('finds the active Rust toolchain, its host and the host std', async () => {
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

  it("finds every toolchain: rustup's, and Debian's rustc-web with arm64 std and rust-src", async () => {
    const toolchains = checkOf(await runDoctor(ctx), 'rust.toolchains');
    expect(toolchains.status).toBe('ok');
    expect(toolchains.detail).toMatch(/^rustup stable-x86_64-unknown-linux-gnu \(rustc 1\.\d+\.\d+\) \(active\): std: x86_64-unknown-linux-gnu; rust-src: no$/m);
    expect(toolchains.detail).toMatch(
      /^system rustc 1\.\d+\.\d+ \(\/usr\/bin\/rustc\): std: aarch64-unknown-linux-gnu, x86_64-unknown-linux-gnu; rust-src: yes \(-Z build-std possible with RUSTC_BOOTSTRAP=1\)$/m,
    );
    // A toolchain listed under two names (1.95.0 → stable) is one toolchain.
    expect(toolchains.detail.split('\n').filter((line) => line.startsWith('rustup 1.')).length).toBe(0);
  });

  it('finds maturin on PATH with its version, zig, interpreters, protoc and the PyPI tools', async () => {
    const report = await runDoctor(ctx);
    const maturin = checkOf(report, 'tool.maturin');
    expect(maturin.status).toBe('ok');
    expect(maturin.detail).toMatch(/^maturin 1\.\d+\.\d+, on PATH at \/.*maturin$/m);
    const zig = checkOf(report, 'tool.zig');
    expect(zig.status).toBe('ok');
    expect(zig.detail).toMatch(/zig 0\.\d+\.\d+ from the ziglang package of /);
    expect(checkOf(report, 'tool.zig.cache')).toMatchObject({ status: 'ok', detail: expect.stringContaining(`ZIG_GLOBAL_CACHE_DIR=${join(ctx.dataDir, 'cache', 'zig')}`) });
    const pythons = checkOf(report, 'python.interpreters');
    expect(pythons.status).toBe('ok');
    expect(pythons.detail).toMatch(/^Python 3\.\d+\.\d+ \(x86_64, (pyenv|system|venv|uv)\) at \//m);
    expect(checkOf(report, 'tool.protoc')).toMatchObject({ status: 'ok', detail: expect.stringMatching(/^libprotoc \d+\.\d+/) });
    for (const tool of ['auditwheel', 'abi3audit', 'patchelf']) {
      expect(checkOf(report, `tool.${tool}`)).toMatchObject({ status: 'ok', detail: expect.stringMatching(new RegExp(`^${tool} \\d+\\.\\d+`)) });
    }
  });

  it('finds the cross linkers and qemu-user from Debian', async () => {
    const report = await runDoctor(ctx);
    const linkers = checkOf(report, 'tool.linkers');
    expect(linkers.detail).toMatch(/^aarch64-linux-gnu-gcc \d+ at \/usr\/bin\/aarch64-linux-gnu-gcc$/m);
    expect(linkers.detail).toMatch(/^x86_64-w64-mingw32-gcc \S+ at \/usr\/bin\/x86_64-w64-mingw32-gcc$/m);
    expect(checkOf(report, 'tool.qemu').detail).toMatch(/^qemu-aarch64 at \/usr\/bin\/qemu-aarch64/m);
    expect(['ok', 'skip']).toContain(checkOf(report, 'tool.docker').status);
  });

  it('says how each target builds here: aarch64 with Debian std and zig, Windows GNU via build-std, the host natively', async () => {
    const report = await runDoctor(ctx, { targets: ['host', 'linux-x86_64', 'x86_64-unknown-linux-gnu', 'linux-aarch64', 'x86_64-pc-windows-gnu'] });
    const stdChecks = report.checks.filter((check) => check.id.startsWith('rust.std.'));
    expect(stdChecks.map((check) => check.id)).toEqual([
      'rust.std.x86_64-unknown-linux-gnu',
      'rust.std.aarch64-unknown-linux-gnu',
      'rust.std.x86_64-pc-windows-gnu',
    ]);
    expect(checkOf(report, 'target.x86_64-unknown-linux-gnu')).toMatchObject({
      status: 'ok',
      // A matrix is built with the one toolchain that serves every target (shared host artifacts).
      detail: expect.stringMatching(/^Can be built here: strategy native \(maturin build\), with system rustc 1\.\d+\.\d+ \(\/usr\/bin\/rustc\)/),
    });
    const aarch64 = checkOf(report, 'target.aarch64-unknown-linux-gnu');
    expect(aarch64.status).toBe('ok');
    expect(aarch64.detail).toMatch(/^Can be built here: strategy zig \(maturin build --zig --target aarch64-unknown-linux-gnu\), with system rustc 1\.\d+\.\d+ \(\/usr\/bin\/rustc\)/);
    expect(aarch64.detail).toContain('Import test: under qemu-aarch64');
    expect(checkOf(report, 'rust.std.aarch64-unknown-linux-gnu').detail).toContain(
      'lacks it; Wheelbench builds aarch64-unknown-linux-gnu with system rustc',
    );
    const windows = checkOf(report, 'target.x86_64-pc-windows-gnu');
    expect(windows.status).toBe('warn');
    expect(windows.detail).toContain('strategy build-std');
    expect(windows.fix).toMatchObject({ id: 'rust.std.x86_64-pc-windows-gnu', command: 'rustup target add --toolchain stable-x86_64-unknown-linux-gnu x86_64-pc-windows-gnu' });
  });

  it('checks the network with a short deadline, and reads memory and disk', async () => {
    const started = Date.now();
    const report = await runDoctor(ctx);
    expect(Date.now() - started).toBeLessThan(5000);
    for (const id of ['net.rust-dist', 'net.pypi', 'net.crates-io']) {
      const check = checkOf(report, id);
      expect(['ok', 'warn']).toContain(check.status);
      expect(check.detail).toMatch(/answered .*in \d+ ms|cannot be reached/);
    }
    expect(checkOf(report, 'system.memory').detail).toMatch(/GiB/);
    expect(checkOf(report, 'system.disk').detail).toMatch(/GiB free on \//);
  });

  it('keeps its report contract: unique ids, areas, a fix on every problem, runnable fixes named by check id', async () => {
    const started = Date.now();
    const report = await runDoctor(ctx, { targets: ['linux-aarch64', 'macos-arm64'] });
    const wall = Date.now() - started;
    const ids = report.checks.map((check) => check.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const check of report.checks) {
      expect(check.title.length).toBeGreaterThan(0);
      expect(check.detail.length).toBeGreaterThan(0);
      expect(check.area?.length).toBeGreaterThan(0);
      if (check.status !== 'ok') expect(check.fix?.summary.length).toBeGreaterThan(0);
      if (check.fix?.id) expect(ids).toContain(check.fix.id);
      expect(JSON.stringify(check)).not.toContain('"action"');
    }
    // About 0.5 s cold on this 2-core machine when idle; the bound leaves room for builds running alongside.
    expect(report.durationMs).toBeLessThan(3000);
    expect(wall).toBeLessThan(3500);
  });

  it('runs no tool when warm but the Docker query (a daemon leaves nothing on disk to key on)', async () => {
    const cache = new ProbeCache(join(ctx.dataDir, 'cache', 'doctor-probes.json'));
    const cold = await diagnose(ctx, { cache, targets: ['linux-aarch64'] });
    const ran: string[] = [];
    const stop = onToolRun((record) => ran.push(record.command.join(' ')));
    const warm = await diagnose(ctx, { cache: new ProbeCache(join(ctx.dataDir, 'cache', 'doctor-probes.json')), targets: ['linux-aarch64'] });
    stop();
    expect(ran.filter((command) => !/\b(docker|podman) version\b/.test(command))).toEqual([]);
    expect(warm.report.checks.map((c) => [c.id, c.status])).toEqual(cold.report.checks.map((c) => [c.id, c.status]));
    console.log(`doctor cold ${cold.report.durationMs} ms, warm ${warm.report.durationMs} ms`);
    expect(warm.report.durationMs).toBeLessThan(cold.report.durationMs);
  });

  it('resolves maturin from PATH and zig from the ziglang package', async () => {
    expect(await resolveMaturin(ctx)).toMatchObject({ source: 'path', version: expect.stringMatching(/^1\.\d+\.\d+$/) });
    expect(await resolveZig(ctx)).toMatchObject({ kind: 'ziglang', source: 'path', version: expect.stringMatching(/^0\.\d+/) });
  });
});

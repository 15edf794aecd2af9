import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileGateEnv, ensureCompileGate } from '../../../src-main/core/build/compile-gate';
import { CompileGovernor, largestCompile, type LiveCompile } from '../../../src-main/core/process/compile-governor';
import { runInPty } from '../../../src-main/core/process/spawn';
import { compileKey } from '../../../src-main/core/process/tree-memory';

const MB = 1024 ** 2;
// A compile stopped at the gate, running past it, or on its way to it.
const compile = (pid: number, key: string, rssMb = 1, phase: LiveCompile['phase'] = 'at-gate') => ({ pid, key, rssBytes: rssMb * MB, phase });
const running = (pid: number, key: string, rssMb: number) => compile(pid, key, rssMb, 'running');

describe('the compile governor', () => {
  // Measured on an earlier build: rustls and tokio are big, the rest small.
  const peaks = { 'rustls rustls-0.23.46': 370 * MB, 'tokio tokio-1.53.3': 300 * MB, 'itoa itoa-1.0.15': 40 * MB, 'memchr memchr-2.7.6': 60 * MB };
  const ceiling = largestCompile(peaks)?.bytes ?? 0;

  it('takes the biggest compile measured as its ceiling', () => {
    expect(largestCompile(peaks)).toEqual({ key: 'rustls rustls-0.23.46', bytes: 370 * MB });
    expect(largestCompile({})).toBeNull();
  });

  it('lets small compiles through side by side', () => {
    const governor = new CompileGovernor(ceiling, peaks);
    expect(governor.step([compile(10, 'itoa itoa-1.0.15'), compile(11, 'memchr memchr-2.7.6')], 0)).toEqual([10, 11]);
    expect(governor.summary(0)).toEqual({ heldBack: 0, waitedMs: 0, ceilingBytes: ceiling });
  });

  it('holds a compile at the gate while it would not fit beside the running ones, and lets it through when they end', () => {
    const governor = new CompileGovernor(ceiling, peaks);
    expect(governor.step([compile(10, 'rustls rustls-0.23.46')], 0)).toEqual([10]);
    expect(governor.step([running(10, 'rustls rustls-0.23.46', 200), compile(11, 'memchr memchr-2.7.6')], 100)).toEqual([]);
    expect(governor.atGate).toEqual([11]);
    expect(governor.step([running(10, 'rustls rustls-0.23.46', 360), compile(11, 'memchr memchr-2.7.6')], 2100)).toEqual([]);
    expect(governor.step([compile(11, 'memchr memchr-2.7.6')], 5100)).toEqual([11]);
    expect(governor.summary(6000)).toEqual({ heldBack: 1, waitedMs: 5000, ceilingBytes: ceiling });
  });

  it('counts a compile it let through as running even before it leaves the gate', () => {
    const governor = new CompileGovernor(ceiling, peaks);
    expect(governor.step([compile(10, 'tokio tokio-1.53.3')], 0)).toEqual([10]);
    // The next sample can still see it stopped at the gate: tokio's 300 MB leave no room for rustls' 370.
    expect(governor.step([compile(10, 'tokio tokio-1.53.3'), compile(11, 'rustls rustls-0.23.46')], 40)).toEqual([]);
  });

  it('counts a compile still on its way to the gate as nothing yet: it stops there by itself', () => {
    const governor = new CompileGovernor(ceiling, peaks);
    // tokio is still the gate's shell, not stopped yet; rustls at the gate must not wait for it.
    expect(governor.step([compile(10, 'tokio tokio-1.53.3', 1, 'arriving'), compile(11, 'rustls rustls-0.23.46')], 0)).toEqual([11]);
    expect(governor.step([running(11, 'rustls rustls-0.23.46', 50), compile(10, 'tokio tokio-1.53.3')], 40)).toEqual([]);
    expect(governor.summary(40).heldBack).toBe(1);
  });

  it('holds a compile it has not measured until it can run alone: it may be the biggest', () => {
    const governor = new CompileGovernor(ceiling, peaks);
    expect(governor.step([running(10, 'itoa itoa-1.0.15', 30), compile(11, 'new_crate new_crate-0.1.0')], 0)).toEqual([]);
    expect(governor.step([compile(11, 'new_crate new_crate-0.1.0')], 40)).toEqual([11]);
  });

  it('counts a running compile at its size now when it grew beyond what was measured', () => {
    const governor = new CompileGovernor(ceiling, peaks);
    // memchr took 60 MB last time; now it holds 340, and itoa's 40 would not fit beside it.
    expect(governor.step([running(10, 'memchr memchr-2.7.6', 340), compile(11, 'itoa itoa-1.0.15')], 0)).toEqual([]);
  });

  it('never stalls the build: with nothing else running, the first compile at the gate goes through', () => {
    const governor = new CompileGovernor(ceiling, peaks);
    governor.step([running(10, 'rustls rustls-0.23.46', 100), compile(11, 'tokio tokio-1.53.3'), compile(12, 'memchr memchr-2.7.6')], 0);
    expect(governor.atGate).toEqual([11, 12]);
    // rustls ends: tokio goes first, and memchr fits beside it (300 + 60 ≤ 370).
    expect(governor.step([compile(11, 'tokio tokio-1.53.3'), compile(12, 'memchr memchr-2.7.6')], 200)).toEqual([11, 12]);
  });

  it('forgets a compile that ended at the gate (cargo stopped)', () => {
    const governor = new CompileGovernor(ceiling, peaks);
    governor.step([running(10, 'rustls rustls-0.23.46', 100), compile(11, 'tokio tokio-1.53.3')], 0);
    expect(governor.atGate).toEqual([11]);
    governor.step([running(10, 'rustls rustls-0.23.46', 100)], 300);
    expect(governor.atGate).toEqual([]);
    expect(governor.summary(300).waitedMs).toBe(300);
  });
});

describe('what identifies a compile across builds', () => {
  it('is the crate and the package it comes from', () => {
    const rustc = '/root/.rustup/toolchains/stable-x86_64-unknown-linux-gnu/bin/rustc';
    expect(compileKey([rustc, '--crate-name', 'rustls', '--edition=2021', '/root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/rustls-0.23.46/src/lib.rs', '--crate-type', 'lib'])).toBe('rustls rustls-0.23.46');
    expect(compileKey([rustc, '--crate-name', 'build_script_build', '--edition=2021', '/root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/ring-0.17.14/build.rs'])).toBe('build_script_build ring-0.17.14');
    expect(compileKey([rustc, '--crate-name', 'hello_pyo3', '--edition=2021', 'src/lib.rs', '--crate-type', 'cdylib'])).toBe('hello_pyo3');
    expect(compileKey([rustc, '--crate-name', 'xet_data', 'xet_data/src/lib.rs'])).toBe('xet_data xet_data');
  });

  it('is nothing for a process that compiles no crate', () => {
    expect(compileKey(['/usr/bin/cargo', 'rustc', '--profile', 'release'])).toBeNull();
    expect(compileKey(['/tmp/t/release/build/pyo3-ffi-1/build-script-build'])).toBeNull();
  });
});

describe.runIf(process.platform === 'linux')('a governed run', () => {
  it('lets the second of two compiles that do not fit together through the gate only when the first ends', async () => {
    const gate = await ensureCompileGate(mkdtempSync(join(tmpdir(), 'wb-gate-')));
    // Two processes labelled as compiles each hold 100 MB for 1.5 s, half a second after they start.
    const hold = "import time; time.sleep(0.5); b = b'x' * (100 * 2**20); time.sleep(1.5)";
    const both = (through: string) => `${through} python3 -c "${hold}" --crate-name one & ${through} python3 -c "${hold}" --crate-name two & wait`;
    const measured = { one: 110 * MB, two: 110 * MB };

    const free = await runInPty({ file: 'sh', args: ['-c', both('')] }, { onData: () => undefined }).exited;
    expect(free.peakRssBytes).toBeGreaterThan(200 * MB);
    expect(free.compilePeaks.one).toBeGreaterThan(100 * MB);
    expect(free.governed).toBeNull();

    const governed = await runInPty({ file: 'sh', args: ['-c', both(gate)] }, { onData: () => undefined, governor: new CompileGovernor(120 * MB, measured) }).exited;
    expect(governed.exitCode).toBe(0);
    expect(governed.governed).toMatchObject({ heldBack: 1, ceilingBytes: 120 * MB });
    expect(governed.governed?.waitedMs).toBeGreaterThan(1500);
    expect(governed.peakRssBytes).toBeLessThan(150 * MB);
    expect(governed.durationMs).toBeGreaterThan(3500);
  });

  it('passes anything that is not a compile straight through, and a wrapper the user had after it', async () => {
    const gate = await ensureCompileGate(mkdtempSync(join(tmpdir(), 'wb-gate-')));
    const version = await runInPty({ file: gate, args: ['rustc', '-vV'] }, { onData: () => undefined }).exited;
    expect(version.exitCode).toBe(0);
    let out = '';
    const wrapped = await runInPty({ file: gate, args: ['echo', '--crate-name', 'x'], envDelta: compileGateEnv(gate, { RUSTC_WRAPPER: 'env' }) }, { onData: (b) => (out += b.toString()), governor: new CompileGovernor(MB, {}) }).exited;
    expect(wrapped.exitCode).toBe(0);
    expect(out).toContain('--crate-name x');
    // One from the project's cargo config, when RUSTC_WRAPPER names none.
    expect(compileGateEnv(gate, {}, '/opt/sccache')).toEqual({ RUSTC_WRAPPER: gate, WHEELBENCH_RUSTC_WRAPPER: '/opt/sccache' });
    expect(compileGateEnv(gate, { RUSTC_WRAPPER: 'env' }, '/opt/sccache')).toEqual({ RUSTC_WRAPPER: gate, WHEELBENCH_RUSTC_WRAPPER: 'env' });
    expect(compileGateEnv(gate, {})).toEqual({ RUSTC_WRAPPER: gate });
  });
});

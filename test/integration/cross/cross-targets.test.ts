import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BuildResult, TargetResult } from '../../../src-main/common/domain';
import type { WheelbenchEvent } from '../../../src-main/common/events';
import { createCore } from '../../../src-main/core/create-core';
import { exampleProject, tempDir } from '../../helpers/paths';

// The proofs of the cross-build engine, on this Linux x86_64 machine with no internet but the
// package registries: one matrix build of every kind of target, with the real toolchains.
describe('cross-building the bundled example for every OS in one matrix', () => {
  const dataDir = tempDir('cross-data');
  const outDir = tempDir('cross-out');
  let result: BuildResult;
  const events: WheelbenchEvent[] = [];
  const byTarget = (triple: string): TargetResult => {
    const found = result.targets.find((t) => t.target === triple);
    if (!found) throw new Error(`no result for ${triple}: ${JSON.stringify(result.targets)}`);
    return found;
  };

  it('builds linux-x86_64, linux-aarch64, windows-x86_64 and macos-arm64, and reports windows-arm64 unavailable', async () => {
    const core = createCore({ dataDir, mode: 'cli', version: 'test', exampleProject });
    core.onEvent((e) => events.push(e));
    const { jobId } = await core.startBuild({
      projectDir: exampleProject,
      outDir,
      targets: ['linux-x86_64', 'linux-aarch64', 'windows-x86_64', 'macos-arm64', 'windows-arm64'],
    });
    const outcome = await core.waitForJob({ jobId });
    if (outcome.kind !== 'build') throw new Error('expected a build');
    result = outcome.result;
    await core.dispose();
    expect(result.targets.map((t) => [t.target, t.status])).toEqual([
      ['x86_64-unknown-linux-gnu', 'ok'],
      ['aarch64-unknown-linux-gnu', 'ok'],
      ['x86_64-pc-windows-gnu', 'ok'],
      ['aarch64-apple-darwin', 'ok'],
      ['aarch64-pc-windows-msvc', 'unavailable'],
    ]);
  });

  it('links the Linux wheels with zig as manylinux2014', () => {
    expect(byTarget('x86_64-unknown-linux-gnu')).toMatchObject({ strategy: 'zig', wheel: expect.stringMatching(/hello_pyo3-0\.1\.0-cp39-abi3-manylinux2014_x86_64\.manylinux_2_17_x86_64\.whl$/) });
    expect(byTarget('aarch64-unknown-linux-gnu')).toMatchObject({ strategy: 'zig', wheel: expect.stringMatching(/hello_pyo3-0\.1\.0-cp39-abi3-manylinux2014_aarch64\.manylinux_2_17_aarch64\.whl$/) });
  });

  it('builds Windows as the GNU ABI (MSVC CRT unreachable) and macOS with zig, std from source', () => {
    expect(byTarget('x86_64-pc-windows-gnu')).toMatchObject({ strategy: 'build-std', wheel: expect.stringMatching(/hello_pyo3-0\.1\.0-cp39-abi3-win_amd64\.whl$/) });
    expect(byTarget('aarch64-apple-darwin')).toMatchObject({ strategy: 'build-std', wheel: expect.stringMatching(/hello_pyo3-0\.1\.0-cp39-abi3-macosx_11_0_arm64\.whl$/) });
  });

  it('never fakes a wheel for a target it cannot build: the reason and the fix instead', () => {
    const arm = byTarget('aarch64-pc-windows-msvc');
    expect(arm.wheel).toBeNull();
    expect(arm.reason).toContain("needs Microsoft's CRT");
    expect(arm.reason).toContain('Fix:');
    expect(readdirSync(outDir).filter((f) => f.includes('win_arm64'))).toEqual([]);
    expect(readdirSync(outDir).filter((f) => f.endsWith('.whl'))).toHaveLength(4);
  });

  it('reports per-target progress and measured memory for each target', () => {
    for (const triple of ['x86_64-unknown-linux-gnu', 'aarch64-unknown-linux-gnu', 'x86_64-pc-windows-gnu', 'aarch64-apple-darwin']) {
      const percents = events.flatMap((e) => (e.type === 'progress' && e.target === triple ? [e.percent] : []));
      expect(percents.at(-1), triple).toBe(100);
      expect(byTarget(triple).peakRssBytes, triple).toBeGreaterThan(50 * 1024 * 1024);
    }
  });

  const plainOutput = (from: readonly WheelbenchEvent[], target: string) =>
    from.flatMap((e) => (e.type === 'output' && e.target === target ? [e.data] : [])).join('').replace(/\x1b\[[0-9;]*[A-Za-z]/g, '');

  it('builds std once for each target without a prebuilt one and keeps it', () => {
    for (const triple of ['x86_64-pc-windows-gnu', 'aarch64-apple-darwin']) {
      expect(plainOutput(events, triple)).toContain(`Building std for ${triple} with system rustc`);
      expect(plainOutput(events, triple)).toMatch(new RegExp(`std for ${triple} is ready \\(\\d+ s\\), kept in `));
      const kits = readdirSync(join(dataDir, 'std')).filter((d) => d.startsWith(`${triple}-`));
      expect(kits).toHaveLength(1);
      expect(existsSync(join(dataDir, 'std', kits[0] as string, 'kit.json'))).toBe(true);
    }
    expect(plainOutput(events, 'aarch64-unknown-linux-gnu')).not.toContain('Building std for');
    expect(readdirSync(join(dataDir, 'std')).filter((d) => d.startsWith('.building'))).toEqual([]);
  });

  it('the target list says which targets still compile their std first, until it is kept', async () => {
    const notesOf = async (dir: string) => {
      const core = createCore({ dataDir: dir, mode: 'cli', version: 'test', exampleProject });
      const targets = await core.listTargets({});
      await core.dispose();
      return (alias: string) => targets.find((t) => t.alias === alias)?.notes ?? [];
    };
    const kept = await notesOf(dataDir);
    const fresh = await notesOf(tempDir('no-kits'));
    for (const [alias, triple] of [['windows-x86_64', 'x86_64-pc-windows-gnu'], ['macos-arm64', 'aarch64-apple-darwin']] as const) {
      expect(kept(alias).join(' ')).not.toMatch(/compiles std/);
      expect(fresh(alias)).toContain(`The first build compiles std for ${triple} (a minute or more), once; later builds of any project reuse it.`);
    }
    expect(fresh('linux-aarch64').join(' ')).not.toMatch(/compiles std/);
  });

  it('a later cold build reuses the kept std, with fat LTO too: std is not compiled again', async () => {
    rmSync(join(dataDir, 'cargo-target'), { recursive: true, force: true });
    const again: WheelbenchEvent[] = [];
    const core = createCore({ dataDir, mode: 'cli', version: 'test', exampleProject });
    core.onEvent((e) => again.push(e));
    const { jobId } = await core.startBuild({ projectDir: exampleProject, outDir: tempDir('cross-again'), targets: ['windows-x86_64'], lto: 'fat' });
    const outcome = await core.waitForJob({ jobId });
    await core.dispose();
    if (outcome.kind !== 'build') throw new Error('expected a build');
    const log = plainOutput(again, 'x86_64-pc-windows-gnu');
    expect(outcome.result.targets[0], log.slice(-3000)).toMatchObject({ status: 'ok', strategy: 'build-std' });
    expect(log).toContain('Compiling pyo3 v');
    expect(log).not.toContain('Building std for');
    expect(log).not.toMatch(/Compiling (std|core|alloc) v/);
    expect(log).not.toContain('-Zbuild-std');
    const inspected = again.flatMap((e) => (e.type === 'wheel-inspected' ? [e.report] : []));
    expect(inspected.map((r) => r.binaries.map((b) => `${b.format} ${b.architectures.join('+')} ${b.module?.exportsInit}`))).toEqual([['pe x86_64 true']]);
  });

  it('reuses host artifacts across the matrix: proc-macro crates compile once', () => {
    const plain = (target: string) => plainOutput(events, target);
    const compiledSyn = ['aarch64-unknown-linux-gnu', 'x86_64-pc-windows-gnu', 'aarch64-apple-darwin'].filter((t) => /Compiling syn v/.test(plain(t)));
    expect(compiledSyn.length).toBeLessThanOrEqual(1);
  });

  it('imports the aarch64 wheel and calls it under qemu-user with an aarch64 Python', async () => {
    const core = createCore({ dataDir, mode: 'cli', version: 'test', exampleProject });
    const wheel = byTarget('aarch64-unknown-linux-gnu').wheel as string;
    const { jobId } = await core.verifyWheel({ path: wheel, projectDir: exampleProject });
    const outcome = await core.waitForJob({ jobId });
    await core.dispose();
    if (outcome.kind !== 'verify') throw new Error('expected a verification');
    expect(outcome.ok, outcome.message).toBe(true);
    expect(outcome.report?.execution).toMatchObject({
      status: 'imported',
      runner: 'qemu',
      python: expect.stringMatching(/\(aarch64\)$/),
      smoke: { output: expect.stringContaining('Hello, wheel, from Rust! 2+3=5') },
    });
  });

  it('inspects every wheel it keeps: the binary format and architecture its tag names, PyInit exported, no errors', () => {
    const reports = events.flatMap((e) => (e.type === 'wheel-inspected' ? [e.report] : []));
    const seen = reports.map((r) => [r.tags.at(-1)?.platform, r.binaries.map((b) => `${b.format} ${b.architectures.join('+')} ${b.module?.exportsInit}`)]);
    expect(seen.sort()).toEqual([
      ['macosx_11_0_arm64', ['macho arm64 true']],
      ['manylinux_2_17_aarch64', ['elf aarch64 true']],
      ['manylinux_2_17_x86_64', ['elf x86_64 true']],
      ['win_amd64', ['pe x86_64 true']],
    ]);
    for (const report of reports) expect(report.problems.filter((p) => p.severity === 'error'), report.fileName).toEqual([]);
  });
});

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { WheelbenchEvent } from '../../../src-main/common/events';
import { readHistory } from '../../../src-main/core/build/history';
import { createCore } from '../../../src-main/core/create-core';
import { onToolRun, type ToolRunRecord } from '../../../src-main/core/process/spawn';
import { exampleProject, tempDir } from '../../helpers/paths';
import { runPython, venvWithWheel } from '../../helpers/python';

describe('host build of the bundled example (real maturin + cargo)', () => {
  it('streams output and progress, moves a valid wheel into --out, and the wheel imports after pip install', async () => {
    const dataDir = tempDir('data');
    const outDir = tempDir('out');
    const core = createCore({ dataDir, mode: 'cli', version: 'test', exampleProject });
    const events: WheelbenchEvent[] = [];
    core.onEvent((e) => events.push(e));
    const toolRuns: ToolRunRecord[] = [];
    const stopRecording = onToolRun((r) => toolRuns.push(r));

    const { jobId } = await core.startBuild({ projectDir: exampleProject, outDir });
    const outcome = await core.waitForJob({ jobId }).finally(stopRecording);
    expect(outcome.kind).toBe('build');
    if (outcome.kind !== 'build') return;
    const [target] = outcome.result.targets;
    expect(target).toMatchObject({ status: 'ok', strategy: 'native', target: 'x86_64-unknown-linux-gnu', reason: null });
    expect(target?.peakRssBytes).toBeGreaterThan(10 * 1024 * 1024);
    // The biggest single process of a cold build is a compiler, named with its crate, and part of the peak.
    expect(target?.largestProcess).toMatchObject({ program: 'rustc', crate: expect.stringMatching(/^[a-z0-9_]+$/) });
    expect(target?.largestProcess?.rssBytes).toBeGreaterThan(50 * 1024 ** 2);
    expect(target?.largestProcess?.rssBytes).toBeLessThanOrEqual(target?.peakRssBytes ?? 0);
    expect(target?.durationMs).toBeGreaterThan(0);

    const terminal = events.flatMap((e) => (e.type === 'output' ? [e.data] : [])).join('').replace(/\x1b\[[0-9;]*[A-Za-z]/g, '');
    expect(terminal).toContain('Compiling pyo3');
    expect(terminal).toMatch(/Built wheel for abi3 Python ≥ 3\.9/);
    const percents = events.flatMap((e) => (e.type === 'progress' ? [e.percent] : []));
    expect(percents.some((p) => p > 0 && p < 100)).toBe(true);
    expect(percents.at(-1)).toBe(100);
    expect(events.at(-1)?.type).toBe('result');

    const files = readdirSync(outDir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^hello_pyo3-0\.1\.0-cp39-abi3-(manylinux|linux)_.*x86_64\.whl$/);
    const wheel = join(outDir, files[0] as string);
    expect(target?.wheel).toBe(wheel);
    expect(outcome.result.wheels[0]).toMatchObject({ fileName: files[0], tags: [{ python: 'cp39', abi: 'abi3' }] });

    // Every wheel a build keeps has been inspected: archive and RECORD before it left the partial dir.
    const inspected = events.flatMap((e) => (e.type === 'wheel-inspected' ? [e.report] : []));
    expect(inspected).toHaveLength(1);
    expect(inspected[0]).toMatchObject({ path: wheel, record: { status: 'ok' }, binaries: [{ architectures: ['x86_64'], module: { exportsInit: true } }], verdict: 'ok' });
    expect(terminal).toContain(`Inspected ${files[0]} — RECORD ok`);
    // auditwheel and abi3audit started while cargo compiled the last crate, and judged the wheel.
    expect(inspected[0]?.audits.manylinux).toMatchObject({ status: 'passed', verdict: expect.stringMatching(/^manylinux_2_\d+_x86_64$/) });
    expect(inspected[0]?.audits.abi3).toMatchObject({ status: 'passed', verdict: 'abi3 ≥ 3.9' });
    const audits = toolRuns.filter((r) => /\/(auditwheel|abi3audit)$/.test(r.command[0] ?? ''));
    expect(audits.map((r) => [basename(r.command[0] ?? ''), r.command.at(-1), r.exitCode, r.prestarted]).sort()).toEqual([
      ['abi3audit', wheel, 0, true],
      ['auditwheel', wheel, 0, true],
    ]);

    const python = venvWithWheel(join(tempDir('venv'), 'v'), wheel);
    const elsewhere = tempDir('cwd');
    const printed = runPython(python, 'import hello_pyo3; print(hello_pyo3.add(2, 3), hello_pyo3.sum_of_squares(10), hello_pyo3.greet("Ana"), hello_pyo3._native.__file__)', elsewhere);
    expect(printed).toMatch(/^5 385 Hello, Ana, from Rust! .*site-packages\/hello_pyo3\/_native\.abi3\.so$/);

    const history = readFileSync(join(dataDir, 'history.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(history.at(-1)).toMatchObject({ jobId, strategy: 'native', result: { status: 'ok' } });
    expect(history.at(-1).command).toContain('build');
    expect(existsSync(outcome.result.logFile)).toBe(true);
    expect(readFileSync(outcome.result.logFile, 'utf8')).toContain('Compiling');

    // The history's shell line builds the same wheel by hand, into the output folder.
    const [latest] = await readHistory(dataDir, { projectDir: exampleProject });
    expect(latest?.rerun).toMatch(/^cd \S+ && env .*CARGO_TARGET_DIR=\S+ .*maturin build --out /);
    rmSync(wheel);
    execFileSync('sh', ['-c', latest?.rerun ?? 'false'], { cwd: tempDir('elsewhere'), stdio: 'pipe' });
    expect(readdirSync(outDir)).toEqual(files);
    await core.dispose();
  });

  it('reports a target it cannot build as unavailable, with the reason, and no wheel', async () => {
    const core = createCore({ dataDir: tempDir('data'), mode: 'cli', version: 'test', exampleProject });
    const outDir = tempDir('out');
    // What a Wheelbench killed mid-build left in the output directory goes; nothing else does.
    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    mkdirSync(join(outDir, `.wheelbench-partial-${gone}-job0-x86_64-unknown-linux-gnu`));
    const { jobId } = await core.startBuild({ projectDir: exampleProject, outDir, targets: ['bogus'] });
    const outcome = await core.waitForJob({ jobId });
    if (outcome.kind !== 'build') throw new Error('expected a build');
    expect(outcome.result.targets[0]).toMatchObject({ status: 'unavailable', wheel: null });
    expect(outcome.result.targets[0]?.reason).toContain('Unknown target "bogus"');
    expect(readdirSync(outDir)).toEqual([]);
  });
});

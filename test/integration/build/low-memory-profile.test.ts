import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { WheelbenchEvent } from '../../../src-main/common/events';
import { formatBytes } from '../../../src-main/common/format-bytes';
import { BuildJob } from '../../../src-main/core/build/build-job';
import { exampleProject, tempDir } from '../../helpers/paths';

// The low-memory profile with real maturin and cargo: the first build's job count comes from the memory
// budget; once it has measured each compile, later builds run every core's job through the compile gate;
// the log's first line says which, and a budget below the biggest compile measured so far is warned about.

const plain = (text: string) => text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');
const GiB = 1024 ** 3;

async function lowMemoryBuild(dataDir: string, budgetBytes: number, options: { cancelAfterCompiles?: number } = {}) {
  const events: WheelbenchEvent[] = [];
  let compiling = 0;
  const job: BuildJob = new BuildJob(
    `low-${budgetBytes}`,
    { projectDir: exampleProject, outDir: tempDir('low-out'), profile: 'low-memory', memoryBudgetBytes: budgetBytes },
    {
      toolchain: { env: process.env, dataDir },
      emit: (e) => {
        events.push(e);
        if (options.cancelAfterCompiles && e.type === 'output' && e.target && /Compiling/.test(e.data) && ++compiling === options.cancelAfterCompiles) void job.cancel();
      },
      cores: 4,
    },
  );
  const result = await job.run();
  const said = plain(events.flatMap((e) => (e.type === 'output' && e.target === undefined ? [e.data] : [])).join(''));
  const log = plain(events.flatMap((e) => (e.type === 'output' && e.target !== undefined ? [e.data] : [])).join(''));
  return { result, said, log };
}

/** Processes still running the compile gate of this data dir. */
function gateProcesses(dataDir: string): string[] {
  const gate = join(dataDir, 'bin', 'wheelbench-compile-gate');
  return readdirSync('/proc').flatMap((pid) => {
    if (!/^\d+$/.test(pid)) return [];
    try {
      const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      return argv.includes(gate) ? [`${pid}: ${argv.replace(/\0/g, ' ')}`] : [];
    } catch {
      return [];
    }
  });
}

describe('the low-memory profile', () => {
  it("fits its first build's jobs to the budget, governs later ones by each compile it measured, and builds without LTO, debuginfo or incremental", async () => {
    const dataDir = tempDir('low-data');

    // Before any build of the project a job is assumed to need 1 GiB: a 1 GiB budget fits one.
    const first = await lowMemoryBuild(dataDir, GiB);
    expect(first.result.targets[0], first.result.targets[0]?.reason ?? '').toMatchObject({ status: 'ok' });
    expect(first.said).toContain('low-memory profile: 1 cargo job: what a 1.0 GB memory budget fits at ~1.0 GB per job assumed before the first build; no LTO, 16 codegen units, no debuginfo, no incremental.');
    const [entry] = readFileSync(join(dataDir, 'history.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(entry).toMatchObject({ jobs: 1, envDelta: { CARGO_BUILD_JOBS: '1', CARGO_PROFILE_RELEASE_LTO: 'off', CARGO_PROFILE_RELEASE_DEBUG: '0', CARGO_INCREMENTAL: '0', CARGO_PROFILE_RELEASE_CODEGEN_UNITS: '16' } });
    const measured = first.result.targets[0]?.peakRssBytes ?? 0;
    expect(measured).toBeGreaterThan(50 * 1024 ** 2);

    // The first build measured each compile: the second runs every core's job, through the compile gate,
    // side by side only while the compiles fit under the biggest of them (measured on a cold target again).
    rmSync(join(dataDir, 'cargo-target'), { recursive: true, force: true });
    const second = await lowMemoryBuild(dataDir, 8 * GiB);
    expect(second.result.targets[0]).toMatchObject({ status: 'ok' });
    const largestCompile = first.result.targets[0]?.largestProcess;
    expect(second.said).toMatch(new RegExp(`low-memory profile: up to 4 cargo jobs, side by side only while their compiles fit under \\d+ MB together — what the biggest compile \\(rustc compiling ${largestCompile?.crate}\\) took alone on an earlier low-memory build`));
    expect(second.said).not.toContain('warning:');
    expect(second.log).toMatch(/low-memory: \d+ compiles? waited for others to finish, to keep the compiles under \d+ MB together \(\d+ s of waiting in all\)/);
    const secondEntry = JSON.parse(readFileSync(join(dataDir, 'history.jsonl'), 'utf8').trim().split('\n').at(-1) ?? '{}');
    expect(secondEntry).toMatchObject({ jobs: 4, envDelta: { CARGO_BUILD_JOBS: '4', RUSTC_WRAPPER: join(dataDir, 'bin', 'wheelbench-compile-gate') } });
    // Its biggest compile is the one the first build measured: nothing ran beside it that did not fit.
    expect(second.result.targets[0]?.largestProcess?.crate).toBe(largestCompile?.crate);

    // Cancelled while compiles wait at the gate: none is left behind, stopped.
    rmSync(join(dataDir, 'cargo-target'), { recursive: true, force: true });
    const cancelled = await lowMemoryBuild(dataDir, 8 * GiB, { cancelAfterCompiles: 3 });
    expect(cancelled.result.targets[0]).toMatchObject({ status: 'cancelled' });
    expect(gateProcesses(dataDir)).toEqual([]);

    // A budget below the biggest compile the earlier (cold) builds measured is warned about before building.
    const [one, two] = [first, second].map((b) => b.result.targets[0]?.largestProcess);
    const largest = (one?.rssBytes ?? 0) >= (two?.rssBytes ?? 0) ? one : two;
    expect(largest).toMatchObject({ program: 'rustc' });
    const third = await lowMemoryBuild(dataDir, 200 * 1024 ** 2);
    expect(third.said).toContain(
      `warning: rustc compiling ${largest?.crate} alone took ${formatBytes(largest?.rssBytes ?? 0)} on an earlier build of this project, more than this build's 200 MB memory budget: even one job may run out of memory. Give the build more memory (--memory-budget, or a larger container).`,
    );
  });
});

import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { WheelbenchEvent } from '../../../src-main/common/events';
import { BuildJob, laneTargetDir } from '../../../src-main/core/build/build-job';
import { exampleProject, tempDir } from '../../helpers/paths';

// The targets of a matrix build side by side. Cargo locks a target dir for a whole build, so two
// targets in one dir would only take turns ("Blocking waiting for file lock"): each lane has its own.
// Real maturin and cargo; the job is told it has 4 cores, so each lane gets 4 cargo jobs.

const plain = (text: string) => text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');

describe('targets building side by side', () => {
  it('runs two targets at once in two cargo target dirs, neither waiting for the other', async () => {
    const dataDir = tempDir('lanes-data');
    const outDir = tempDir('lanes-out');
    const events: WheelbenchEvent[] = [];
    const job = new BuildJob(
      'lanes',
      { projectDir: exampleProject, outDir, targets: ['linux-x86_64', 'linux-aarch64'], profile: 'dev', memoryBudgetBytes: 8 * 1024 ** 3 },
      { toolchain: { env: process.env, dataDir }, emit: (e) => events.push(e), cores: 4 },
    );
    const result = await job.run();

    expect(result.targets.map((t) => [t.target, t.status]), result.targets.map((t) => t.reason ?? '').join('\n')).toEqual([
      ['x86_64-unknown-linux-gnu', 'ok'],
      ['aarch64-unknown-linux-gnu', 'ok'],
    ]);
    const order = events.flatMap((e) => (e.type === 'target-started' || e.type === 'target-finished' ? [`${e.type}`] : []));
    expect(order.slice(0, 2)).toEqual(['target-started', 'target-started']);

    const output = (target: string | undefined) => plain(events.flatMap((e) => (e.type === 'output' && e.target === target ? [e.data] : [])).join(''));
    expect(output(undefined)).toContain('2 targets at a time, 4 cargo jobs each, each lane with its own cargo target dir');
    for (const target of ['x86_64-unknown-linux-gnu', 'aarch64-unknown-linux-gnu']) {
      expect(output(target)).toContain('Compiling pyo3');
      // (A moment's wait for cargo's package cache is fine; waiting for the target dir is not.)
      expect(output(target)).not.toMatch(/Blocking waiting for file lock on (build|artifact) directory/);
    }

    const projectTargets = join(dataDir, 'cargo-target');
    const [first] = readdirSync(projectTargets).filter((d) => !d.includes('-lane'));
    const lanes = [laneTargetDir(join(projectTargets, first as string), 0), laneTargetDir(join(projectTargets, first as string), 1)];
    expect(lanes[1]).toBe(`${lanes[0]}-lane2`);
    // Each lane compiled one target: its own triple's directory, not the other's.
    const triples = lanes.map((dir) => ['x86_64-unknown-linux-gnu', 'aarch64-unknown-linux-gnu'].filter((t) => existsSync(join(dir, t))));
    expect(triples.flat().sort()).toEqual(['aarch64-unknown-linux-gnu', 'x86_64-unknown-linux-gnu']);
    expect(triples.every((t) => t.length === 1)).toBe(true);
  });
});

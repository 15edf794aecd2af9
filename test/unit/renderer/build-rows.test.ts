import { beforeEach, describe, expect, it } from 'vitest';
import type { TargetResult } from '../../../src-main/common/domain';
import { applyBuildEvent, noteJobRequested, rowStatus, seedRequestedTargets, useBuildStore, type Job } from '../../../src-renderer/store/build';

// The matrix rows: requested targets are queued rows until the engine names them by triple; host's
// triple only the engine knows; a Windows MSVC request may build as its GNU twin.
const job = (): Job => useBuildStore.getState().jobs['j'] as Job;
const rows = () => job().targets.map((t) => [t.requested, t.target, rowStatus(t, job())]);
const ok = (target: string): TargetResult => ({ target, status: 'ok', strategy: 'zig', wheel: null, durationMs: 1, peakRssBytes: 1, reason: null });

describe('matrix rows', () => {
  beforeEach(() => {
    useBuildStore.setState({ jobs: {}, activeJobId: null, starting: false });
  });

  it('queues the requested targets and matches the engine’s triples to them', () => {
    noteJobRequested('j', 'build', 'Build');
    seedRequestedTargets('j', [
      { name: 'host', expected: null },
      { name: 'linux-aarch64', expected: 'aarch64-unknown-linux-gnu' },
      { name: 'windows-x86_64', expected: 'x86_64-pc-windows-msvc' },
    ]);
    expect(rows()).toEqual([
      ['host', 'host', 'queued'],
      ['linux-aarch64', 'linux-aarch64', 'queued'],
      ['windows-x86_64', 'windows-x86_64', 'queued'],
    ]);
    applyBuildEvent({ type: 'target-started', jobId: 'j', target: 'aarch64-unknown-linux-gnu', strategy: 'zig', command: [] });
    applyBuildEvent({ type: 'target-started', jobId: 'j', target: 'x86_64-pc-windows-gnu', strategy: 'linker', command: [] });
    applyBuildEvent({ type: 'target-started', jobId: 'j', target: 'x86_64-unknown-linux-gnu', strategy: 'native', command: [] });
    applyBuildEvent({ type: 'progress', jobId: 'j', target: 'x86_64-unknown-linux-gnu', percent: 50, unitsDone: 1, unitsTotal: 2, current: 'pyo3' });
    expect(rows()).toEqual([
      ['host', 'x86_64-unknown-linux-gnu', 'building'],
      ['linux-aarch64', 'aarch64-unknown-linux-gnu', 'building'],
      ['windows-x86_64', 'x86_64-pc-windows-gnu', 'building'],
    ]);
    expect(job().targets[0]?.percent).toBe(50);
    const results = [ok('x86_64-unknown-linux-gnu'), ok('aarch64-unknown-linux-gnu'), { ...ok('x86_64-pc-windows-gnu'), status: 'cancelled' as const }];
    applyBuildEvent({ type: 'result', jobId: 'j', buildId: 'j', targets: results, wheels: [], logFile: '/l' });
    expect(rows().map((r) => r[2])).toEqual(['ok', 'ok', 'cancelled']);
    expect(job().targets).toHaveLength(3);
  });

  it('lets requested targets claim rows the engine named before startBuild answered', () => {
    applyBuildEvent({ type: 'job-started', jobId: 'j', kind: 'build', title: 'Build' });
    applyBuildEvent({ type: 'target-started', jobId: 'j', target: 'x86_64-unknown-linux-gnu', strategy: 'native', command: [] });
    applyBuildEvent({ type: 'target-finished', jobId: 'j', result: { ...ok('aarch64-unknown-linux-gnu'), status: 'unavailable' } });
    seedRequestedTargets('j', [
      { name: 'host', expected: null },
      { name: 'linux-aarch64', expected: 'aarch64-unknown-linux-gnu' },
    ]);
    expect(rows()).toEqual([
      ['host', 'x86_64-unknown-linux-gnu', 'building'],
      ['linux-aarch64', 'aarch64-unknown-linux-gnu', 'unavailable'],
    ]);
  });
});

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { memoryCheck } from '../../../src-main/core/toolchain/checks/system-checks';
import { memoryFacts, suggestedJobs } from '../../../src-main/core/toolchain/system-facts';

const GiB = 2 ** 30;
const root = mkdtempSync(join(tmpdir(), 'wb-cgroup-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function fakeFile(path: string, text: string): string {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
  return path;
}

describe('memoryFacts: the container limit before the machine RAM', () => {
  it('reads a cgroup v2 memory.max from the process group up', () => {
    const cgroupRoot = join(root, 'v2');
    fakeFile(join(cgroupRoot, 'cgroup.controllers'), 'cpu memory\n');
    fakeFile(join(cgroupRoot, 'codespace', 'memory.max'), `${4 * GiB}\n`);
    fakeFile(join(cgroupRoot, 'codespace', 'build', 'memory.max'), 'max\n');
    const proc = fakeFile(join(root, 'v2-self'), '0::/codespace/build\n');
    expect(memoryFacts({ cgroupRoot, procSelfCgroup: proc }, 16 * GiB)).toEqual({ totalBytes: 16 * GiB, cgroupLimitBytes: 4 * GiB, cgroupVersion: 2, budgetBytes: 4 * GiB });
  });

  it('reads cgroup v1 memory.limit_in_bytes, ignoring the "no limit" value', () => {
    const cgroupRoot = join(root, 'v1');
    fakeFile(join(cgroupRoot, 'memory', 'docker', 'memory.limit_in_bytes'), `${2 * GiB}\n`);
    fakeFile(join(cgroupRoot, 'memory', 'memory.limit_in_bytes'), '9223372036854771712\n');
    const proc = fakeFile(join(root, 'v1-self'), '12:pids:/docker\n4:memory:/docker\n0::/\n');
    expect(memoryFacts({ cgroupRoot, procSelfCgroup: proc }, 8 * GiB)).toMatchObject({ cgroupLimitBytes: 2 * GiB, cgroupVersion: 1, budgetBytes: 2 * GiB });
  });

  it('uses total RAM when there is no cgroup or its limit is above RAM', () => {
    const proc = fakeFile(join(root, 'none-self'), '0::/\n');
    expect(memoryFacts({ cgroupRoot: join(root, 'missing'), procSelfCgroup: proc }, 8 * GiB)).toEqual({ totalBytes: 8 * GiB, cgroupLimitBytes: null, cgroupVersion: null, budgetBytes: 8 * GiB });
  });
});

describe('memoryCheck', () => {
  it('warns under a small limit and proposes the low-memory profile with a job count', () => {
    const check = memoryCheck({ totalBytes: 16 * GiB, cgroupLimitBytes: 2 * GiB, cgroupVersion: 2, budgetBytes: 2 * GiB }, 2);
    expect(check.status).toBe('warn');
    expect(check.detail).toContain('cgroup v2 memory limit 2.0 GiB (of 16.0 GiB RAM)');
    expect(check.fix).toEqual({ summary: 'Build with the low-memory profile (CARGO_BUILD_JOBS=1, no fat LTO, no debuginfo).', command: 'wheelbench build . --profile low-memory' });
  });

  it('suggests jobs from memory and cores', () => {
    expect(suggestedJobs(2 * GiB, 8)).toBe(1);
    expect(suggestedJobs(8 * GiB, 2)).toBe(2);
    expect(suggestedJobs(64 * GiB, 16)).toBe(16);
  });
});

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeMemoryLimit, jobsForBudget, jobsPerLane, lowMemoryJobs, lowMemoryJobsWhy, memoryFacts, parallelTargets, planLanes } from '../../../src-main/core/build/memory-budget';
import { parseByteSize } from '../../../src-main/common/format-bytes';
import { tempDir } from '../../helpers/paths';

const GiB = 1024 ** 3;

describe('memory budget', () => {
  it('reads a cgroup v2 limit before total RAM', () => {
    const root = tempDir('cgroup2');
    writeFileSync(join(root, 'memory.max'), `${2 * GiB}\n`);
    writeFileSync(join(root, 'memory.current'), `${GiB / 2}\n`);
    const facts = memoryFacts(root, '/nonexistent');
    expect(facts).toMatchObject({ limitBytes: 2 * GiB, source: 'cgroup-v2' });
    expect(facts.availableBytes).toBeLessThanOrEqual(1.5 * GiB);
  });

  it('reads a cgroup v1 limit, and ignores the "unlimited" sentinel', () => {
    const root = tempDir('cgroup1');
    mkdirSync(join(root, 'memory'));
    writeFileSync(join(root, 'memory', 'memory.limit_in_bytes'), `${4 * GiB}\n`);
    expect(memoryFacts(root, '/nonexistent')).toMatchObject({ limitBytes: 4 * GiB, source: 'cgroup-v1' });
    writeFileSync(join(root, 'memory', 'memory.limit_in_bytes'), '9223372036854771712\n');
    expect(memoryFacts(root, '/nonexistent').source).toBe('total-ram');
  });

  it("reads the limit of this process's own cgroup, not the root's", () => {
    const root = tempDir('cgroupself');
    mkdirSync(join(root, 'memory', 'build', 'job'), { recursive: true });
    writeFileSync(join(root, 'memory', 'build', 'job', 'memory.limit_in_bytes'), `${GiB}\n`);
    const self = join(root, 'self-cgroup');
    writeFileSync(self, '12:pids:/build/job\n7:memory:/build/job\n0::/\n');
    expect(memoryFacts(root, self)).toMatchObject({ limitBytes: GiB, source: 'cgroup-v1' });
  });

  it('treats memory.max "max" as no limit', () => {
    const root = tempDir('cgroupmax');
    writeFileSync(join(root, 'memory.max'), 'max\n');
    expect(memoryFacts(root, '/nonexistent').source).toBe('total-ram');
  });

  it('derives the job count from the budget and the measured peak per job, capped by cores', () => {
    expect(jobsForBudget(2 * GiB, 900 * 1024 ** 2, 8)).toBe(2);
    expect(jobsForBudget(2 * GiB, null, 8)).toBe(2);
    expect(jobsForBudget(16 * GiB, 300 * 1024 ** 2, 4)).toBe(4);
    expect(jobsForBudget(256 * 1024 ** 2, 900 * 1024 ** 2, 4)).toBe(1);
  });

  it('the low-memory profile runs at most half the cores’ jobs, even with a generous budget', () => {
    expect(lowMemoryJobs(16 * GiB, 300 * 1024 ** 2, 4)).toBe(2);
    expect(lowMemoryJobs(16 * GiB, 300 * 1024 ** 2, 2)).toBe(1);
    expect(lowMemoryJobs(256 * 1024 ** 2, 900 * 1024 ** 2, 8)).toBe(1);
  });

  it('runs targets in parallel as far as memory allows, one per two cores', () => {
    expect(parallelTargets(3, 24 * GiB, 2 * GiB, 2)).toBe(1);
    expect(parallelTargets(3, 24 * GiB, 2 * GiB, 1)).toBe(1);
    expect(parallelTargets(3, 24 * GiB, 2 * GiB, 4)).toBe(2);
    expect(parallelTargets(3, 24 * GiB, 2 * GiB, 8)).toBe(3);
    expect(parallelTargets(8, 24 * GiB, 2 * GiB, 8)).toBe(4);
    expect(parallelTargets(3, 3 * GiB, 2 * GiB, 8)).toBe(1);
    expect(parallelTargets(1, 24 * GiB, 2 * GiB, 8)).toBe(1);
  });

  it('names the memory a build can have: a container limit, or the machine’s RAM', () => {
    expect(describeMemoryLimit({ limitBytes: 600 * 1024 ** 2, source: 'cgroup-v2', availableBytes: 0 })).toBe('the 600 MB memory limit of this container (cgroup)');
    expect(describeMemoryLimit({ limitBytes: 24 * GiB, source: 'total-ram', availableBytes: 0 })).toBe("this machine's 24 GB of RAM");
  });

  it('says what limits the low-memory profile’s jobs: the budget, the cores, or the user', () => {
    const MiB = 1024 ** 2;
    expect(lowMemoryJobsWhy({ jobs: 1, requested: false, budgetBytes: 2 * GiB, peakPerJobBytes: 1200 * MiB, cores: 8 })).toBe('1 cargo job: what a 2.0 GB memory budget fits at ~1.2 GB per job measured on the last build');
    expect(lowMemoryJobsWhy({ jobs: 2, requested: false, budgetBytes: 2 * GiB, peakPerJobBytes: null, cores: 8 })).toBe('2 cargo jobs: what a 2.0 GB memory budget fits at ~1.0 GB per job assumed before the first build');
    expect(lowMemoryJobsWhy({ jobs: 1, requested: false, budgetBytes: 18 * GiB, peakPerJobBytes: 380 * MiB, cores: 2 })).toBe("1 cargo job: at most half of this machine's 2 cores, trading time for memory (the 18 GB budget would fit 2 at ~380 MB per job measured on the last build)");
    expect(lowMemoryJobsWhy({ jobs: 3, requested: true, budgetBytes: 18 * GiB, peakPerJobBytes: null, cores: 2 })).toBe('3 cargo jobs, as asked');
  });

  it('gives targets building at once about twice the cores in cargo jobs, all told', () => {
    expect(jobsPerLane(2, 2)).toBe(2);
    expect(jobsPerLane(3, 8)).toBe(6);
    expect(jobsPerLane(4, 1)).toBe(1);
  });

  it('plans lanes per profile: release fills the cores, low-memory builds one target at a time, asked-for jobs are kept', () => {
    const base = { targetCount: 3, budgetBytes: 24 * GiB, peakPerJobBytes: 300 * 1024 ** 2, requestedJobs: undefined, cores: 8 };
    expect(planLanes({ ...base, profile: 'release' })).toEqual({ jobs: undefined, lanes: 3, jobsPerTarget: 6 });
    expect(planLanes({ ...base, profile: 'release', cores: 2 })).toEqual({ jobs: undefined, lanes: 1, jobsPerTarget: undefined });
    expect(planLanes({ ...base, profile: 'release', targetCount: 1 })).toEqual({ jobs: undefined, lanes: 1, jobsPerTarget: undefined });
    expect(planLanes({ ...base, profile: 'low-memory' })).toEqual({ jobs: 4, lanes: 1, jobsPerTarget: 4 });
    expect(planLanes({ ...base, profile: 'dev', requestedJobs: 3 })).toEqual({ jobs: 3, lanes: 3, jobsPerTarget: 3 });
    // A budget that holds one target's peak builds one target at a time with cargo's own job count.
    expect(planLanes({ ...base, profile: 'release', budgetBytes: 700 * 1024 ** 2 })).toEqual({ jobs: undefined, lanes: 1, jobsPerTarget: undefined });
  });

  it.each([
    ['2G', 2 * GiB],
    ['1536M', 1536 * 1024 ** 2],
    ['1.5GiB', 1.5 * GiB],
    ['1073741824', GiB],
    ['lots', null],
    ['-1G', null],
  ])('parses %s', (text, bytes) => expect(parseByteSize(text)).toBe(bytes));
});

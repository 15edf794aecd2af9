import { describe, expect, it } from 'vitest';
import { memoryCheck } from '../../../src-main/core/toolchain/checks/system-checks';

const GiB = 2 ** 30;

describe('memoryCheck: the container limit before the machine RAM', () => {
  it('warns under a small cgroup limit and proposes the low-memory profile with a job count', () => {
    const check = memoryCheck({ limitBytes: 2 * GiB, source: 'cgroup-v2', availableBytes: GiB }, 2, 16 * GiB);
    expect(check.status).toBe('warn');
    expect(check.detail).toContain('cgroup v2 memory limit 2.0 GiB (of 16.0 GiB RAM): builds are killed above it');
    expect(check.fix).toEqual({ summary: 'Build with the low-memory profile (CARGO_BUILD_JOBS=2, no fat LTO, no debuginfo).', command: 'wheelbench build . --profile low-memory' });
  });

  it('is fine with plenty of RAM and no limit', () => {
    const check = memoryCheck({ limitBytes: 24 * GiB, source: 'total-ram', availableBytes: 20 * GiB }, 2, 24 * GiB);
    expect(check).toMatchObject({ status: 'ok', detail: '24.0 GiB RAM, no container memory limit; 2 CPUs.\nAbout 2 parallel compile jobs fit.' });
  });
});

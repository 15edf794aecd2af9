import { describe, expect, it } from 'vitest';
import type { BuildResult } from '../../../src-main/common/domain';
import { formatLargestProcess } from '../../../src-main/common/format-bytes';
import { formatBuildSummary } from '../../../src-main/cli/format';

const MiB = 1024 ** 2;

describe('the build summary', () => {
  const result: BuildResult = {
    buildId: 'b1',
    logFile: '/data/logs/b1.log',
    wheels: [],
    targets: [
      { target: 'x86_64-unknown-linux-gnu', status: 'ok', strategy: 'native', wheel: '/out/css_inline-0.24.0-cp310-abi3-manylinux_2_17_x86_64.whl', durationMs: 116_562, peakRssBytes: 464 * MiB, reason: null, largestProcess: { program: 'rustc', crate: 'rustls', rssBytes: 372 * MiB } },
      { target: 'aarch64-unknown-linux-gnu', status: 'unavailable', strategy: null, wheel: null, durationMs: 0, peakRssBytes: 0, reason: 'No aarch64 linker.' },
    ],
  };

  it('says which single process set the floor of the peak, for the targets that measured one', () => {
    const text = formatBuildSummary(result);
    expect(text).toMatch(/^x86_64-unknown-linux-gnu +ok +native +116\.6 s +464 MB +\/out\/css_inline-0\.24\.0-/m);
    expect(text).toContain('x86_64-unknown-linux-gnu: the largest single process was rustc compiling rustls, 372 MB of the 464 MB peak; fewer jobs cannot go below it.');
    expect(text).not.toContain('aarch64-unknown-linux-gnu: the largest');
  });

  it('names no floor when the biggest process compiled nothing (a warm build)', () => {
    const [built] = result.targets;
    const warm = { ...result, targets: [{ ...built!, durationMs: 700, largestProcess: { program: 'maturin', crate: null, rssBytes: 20 * MiB } }] };
    expect(formatBuildSummary(warm)).not.toContain('the largest single process');
  });

  it('names a process that compiles nothing by its program', () => {
    expect(formatLargestProcess({ program: 'cargo', crate: null, rssBytes: 76 * MiB })).toBe('cargo, 76 MB');
  });
});

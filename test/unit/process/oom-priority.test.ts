import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCaptured, runInPty } from '../../../src-main/core/process/spawn';

// When memory runs out, the kernel should kill the build, not Wheelbench: the tools it starts, and what
// they start, carry a higher oom_score_adj than Wheelbench's own.

const ownScore = () => Number(readFileSync('/proc/self/oom_score_adj', 'utf8'));
/** Prints the tool's own score, then that of a process it starts. */
const printScores = { file: 'sh', args: ['-c', 'cat /proc/self/oom_score_adj; sh -c "cat /proc/self/oom_score_adj"'] };

describe.runIf(process.platform === 'linux')('tools go before Wheelbench when memory runs out', () => {
  it('a tool in a terminal, and the processes it starts, are preferred by 500', async () => {
    const before = ownScore();
    let output = '';
    const run = runInPty(printScores, { onData: (bytes) => (output += bytes.toString('utf8')) });
    expect(await run.exited).toMatchObject({ exitCode: 0, signal: null });
    const expected = String(Math.min(1000, before + 500));
    expect(output.split(/\r?\n/).filter(Boolean)).toEqual([expected, expected]);
    expect(ownScore()).toBe(before);
  });

  it('a captured tool too', async () => {
    const run = await runCaptured(printScores);
    const expected = String(Math.min(1000, ownScore() + 500));
    expect(run.stdout.trim().split('\n')).toEqual([expected, expected]);
  });

  it('a tool in a terminal killed by a signal reports the signal and no exit code', async () => {
    const run = runInPty({ file: 'sh', args: ['-c', 'kill -9 $$'] }, { onData: () => undefined });
    expect(await run.exited).toMatchObject({ exitCode: null, signal: 9 });
  });
});

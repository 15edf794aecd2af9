import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { partialDirFor, removeAbandonedPartials } from '../../../src-main/core/build/partial-dirs';
import { tempDir } from '../../helpers/paths';

/** The pid of a process that has exited (and been reaped). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  if (!child.pid) throw new Error('no child');
  return child.pid;
}

describe('partial build directories', () => {
  it('are hidden, and name this process, the job and the target', () => {
    expect(partialDirFor('/out', 'job1', 'x86_64-unknown-linux-gnu')).toBe(`/out/.wheelbench-partial-${process.pid}-job1-x86_64-unknown-linux-gnu`);
  });

  it('left behind by a process that is gone are removed; a running build’s and the user’s files stay', async () => {
    const out = tempDir('out');
    const abandoned = `.wheelbench-partial-${deadPid()}-job0-aarch64-unknown-linux-gnu`;
    mkdirSync(join(out, abandoned));
    writeFileSync(join(out, abandoned, 'half.whl'), 'PK');
    const running = partialDirFor(out, 'job1', 'x86_64-unknown-linux-gnu');
    mkdirSync(running);
    writeFileSync(join(out, 'mine-1.0-py3-none-any.whl'), 'PK');
    mkdirSync(join(out, '.wheelbench-partial-notes'));

    expect(await removeAbandonedPartials(out)).toEqual([abandoned]);
    expect(existsSync(running)).toBe(true);
    expect(readdirSync(out).sort()).toEqual(['.wheelbench-partial-notes', running.split('/').at(-1), 'mine-1.0-py3-none-any.whl'].sort());
  });

  it('leave a missing output directory alone', async () => {
    expect(await removeAbandonedPartials(join(tempDir('out'), 'nothing-here'))).toEqual([]);
  });
});

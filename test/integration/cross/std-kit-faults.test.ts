import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { WheelbenchEvent } from '../../../src-main/common/events';
import { createCore } from '../../../src-main/core/create-core';
import { exampleProject, tempDir } from '../../helpers/paths';

const WINDOWS = 'x86_64-pc-windows-gnu';
const plain = (events: readonly WheelbenchEvent[]) =>
  events.flatMap((e) => (e.type === 'output' && e.target === WINDOWS ? [e.data] : [])).join('').replace(/\x1b\[[0-9;]*[A-Za-z]/g, '');

/** Starts a Windows build with the real toolchain and cancels it once `ready` says so. */
async function buildAndCancel(dataDir: string, ready: (events: readonly WheelbenchEvent[]) => boolean) {
  const events: WheelbenchEvent[] = [];
  const core = createCore({ dataDir, mode: 'cli', version: 'test', exampleProject });
  const outDir = tempDir('kit-fault-out');
  let jobId = '';
  let cancelled = false;
  core.onEvent((e) => {
    events.push(e);
    if (!cancelled && jobId && ready(events)) {
      cancelled = true;
      void core.cancelJob({ jobId });
    }
  });
  ({ jobId } = await core.startBuild({ projectDir: exampleProject, outDir, targets: ['windows-x86_64'] }));
  const outcome = await core.waitForJob({ jobId });
  await core.dispose();
  if (outcome.kind !== 'build') throw new Error('expected a build');
  return { events, target: outcome.result.targets[0], outDir };
}

describe('the kept std, when things go wrong', () => {
  it('Cancel while std is being built stops it and keeps nothing half-made', async () => {
    const dataDir = tempDir('kit-cancel');
    const { events, target, outDir } = await buildAndCancel(dataDir, (seen) => seen.some((e) => e.type === 'progress' && e.target === WINDOWS && (e.current ?? '').startsWith('std')));
    expect(target, plain(events).slice(-2000)).toMatchObject({ target: WINDOWS, status: 'cancelled', reason: 'Cancelled by the user.' });
    expect(plain(events)).toContain(`Building std for ${WINDOWS}`);
    expect(plain(events)).not.toContain('maturin build');
    expect(readdirSync(join(dataDir, 'std'))).toEqual([]);
    expect(readdirSync(outDir)).toEqual([]);
  }, 120_000);

  it('a std that cannot be kept (its folder is not writable) is built inside the build instead, and the log says so', async () => {
    const dataDir = tempDir('kit-unwritable');
    writeFileSync(join(dataDir, 'std'), 'not a folder');
    const { events, target } = await buildAndCancel(dataDir, (seen) => /Compiling core v/.test(plain(seen)));
    const log = plain(events);
    expect(log).toMatch(new RegExp(`Could not keep a std for ${WINDOWS} \\(.*std.*\\); building std inside this build instead\\.`));
    expect(log).toMatch(/maturin build .*-Zbuild-std=std,panic_abort/);
    expect(log).toMatch(/Compiling core v/);
    expect(target?.status).toBe('cancelled');
    expect(existsSync(join(dataDir, 'std'))).toBe(true);
  }, 120_000);
});

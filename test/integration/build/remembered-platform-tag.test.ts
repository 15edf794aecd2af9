import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BuildResult } from '../../../src-main/common/domain';
import type { WheelbenchEvent } from '../../../src-main/common/events';
import { createCore } from '../../../src-main/core/create-core';
import { exampleProject, tempDir } from '../../helpers/paths';

// maturin picks a Linux wheel's manylinux tag after asking pip whether it installs manylinux wheels at
// all; Wheelbench remembers the pick with the binaries' linkage and passes it back, checking every
// wheel built that way against what maturin would have picked (real maturin, cargo, the example).

const dataDir = tempDir('data');
const outDir = tempDir('out');
const memoryFile = join(dataDir, 'platform-tags.json');

async function build(): Promise<{ result: BuildResult; terminal: string; command: readonly string[] }> {
  const core = createCore({ dataDir, mode: 'cli', version: 'test', exampleProject });
  const events: WheelbenchEvent[] = [];
  core.onEvent((e) => events.push(e));
  try {
    const { jobId } = await core.startBuild({ projectDir: exampleProject, outDir });
    const outcome = await core.waitForJob({ jobId });
    if (outcome.kind !== 'build') throw new Error('expected a build');
    const terminal = events.flatMap((e) => (e.type === 'output' ? [e.data] : [])).join('').replace(/\x1b\[[0-9;]*[A-Za-z]/g, '');
    const history = readFileSync(join(dataDir, 'history.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { jobId: string; command: string[] });
    const command = history.find((h) => h.jobId === jobId)?.command ?? [];
    return { result: outcome.result, terminal, command };
  } finally {
    await core.dispose();
  }
}

type Memory = { entries: Record<string, { compatibility: string; platform: string; linkage: string[] }> };
const readMemory = () => JSON.parse(readFileSync(memoryFile, 'utf8')) as Memory;
const onlyEntry = () => Object.values(readMemory().entries)[0];
function editMemory(change: (entry: Memory['entries'][string]) => void): void {
  const memory = readMemory();
  for (const entry of Object.values(memory.entries)) change(entry);
  writeFileSync(memoryFile, JSON.stringify(memory));
}
const compatibilityOf = (command: readonly string[]) => (command.includes('--compatibility') ? command[command.indexOf('--compatibility') + 1] : null);

describe("a remembered manylinux tag (real maturin)", () => {
  let wheelName = '';

  it('lets maturin pick on the first build, then passes its pick back, for the same wheel', async () => {
    const first = await build();
    expect(first.result.targets[0]).toMatchObject({ status: 'ok' });
    expect(compatibilityOf(first.command)).toBeNull();
    wheelName = readdirSync(outDir)[0] as string;
    const policy = /-(manylinux_\d+_\d+)_x86_64\.whl$/.exec(wheelName)?.[1];
    expect(policy).toBeDefined();
    expect(onlyEntry()).toMatchObject({ compatibility: policy, platform: `${policy}_x86_64`, linkage: [expect.stringMatching(/^[0-9a-f]{32}$/)] });

    const second = await build();
    expect(second.result.targets[0]).toMatchObject({ status: 'ok' });
    expect(compatibilityOf(second.command)).toBe(policy);
    expect(second.terminal).toContain(`note: --compatibility ${policy} is the tag maturin picked last time`);
    expect(second.terminal).not.toContain('Building again');
    expect(readdirSync(outDir)).toEqual([wheelName]);
  });

  it('builds again with maturin picking when the binaries link differently than when it picked', async () => {
    const real = onlyEntry()?.linkage;
    editMemory((e) => (e.linkage = ['0'.repeat(32)]));
    const run = await build();
    expect(run.result.targets[0]).toMatchObject({ status: 'ok', wheel: join(outDir, wheelName) });
    expect(run.terminal).toContain('Building again with maturin picking the platform tag: its binaries link differently');
    // The wheel kept is the one maturin tagged itself; the pick is remembered with the real linkage.
    expect(compatibilityOf(run.command)).toBeNull();
    expect(readdirSync(outDir)).toEqual([wheelName]);
    expect(onlyEntry()?.linkage).toEqual(real);
  });

  it('builds again with maturin picking when the binaries no longer meet the remembered policy', async () => {
    editMemory((e) => {
      e.compatibility = 'manylinux_2_17';
      e.platform = 'manylinux_2_17_x86_64.manylinux2014_x86_64';
    });
    const run = await build();
    expect(run.terminal).toMatch(/Error ensuring manylinux_2_17 compliance/);
    expect(run.terminal).toContain('Building again with maturin picking the platform tag: its binaries no longer meet manylinux_2_17');
    expect(run.result.targets[0]).toMatchObject({ status: 'ok', wheel: join(outDir, wheelName) });
    expect(readdirSync(outDir)).toEqual([wheelName]);
    expect(onlyEntry()?.compatibility).toBe(/-(manylinux_\d+_\d+)_x86_64\.whl$/.exec(wheelName)?.[1]);
  });
});

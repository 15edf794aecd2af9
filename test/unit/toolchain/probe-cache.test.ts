import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ProbeCache } from '../../../src-main/core/toolchain/probe-cache';

const dir = mkdtempSync(join(tmpdir(), 'wb-cache-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const answer = { ok: true, stdout: 'tool 1.0\n', stderr: '', exitCode: 0, signal: null };

describe('ProbeCache', () => {
  it('keeps answers across instances (CLI runs) while the tool and environment are unchanged', async () => {
    const tool = join(dir, 'tool');
    writeFileSync(tool, 'v1');
    const file = join(dir, 'cache', 'probes.json');
    const first = new ProbeCache(file);
    first.beginRun({ PATH: '/a' });
    first.set(first.keyFor(tool, ['--version'], []), answer);
    await first.save();

    const second = new ProbeCache(file);
    second.beginRun({ PATH: '/a' });
    expect(second.get(second.keyFor(tool, ['--version'], []))).toEqual(answer);
    expect(second.get(second.keyFor(tool, ['-vV'], []))).toBeUndefined();
  });

  it('misses when PATH, the tool file or a file it depends on changes', () => {
    const tool = join(dir, 'tool2');
    const site = join(dir, 'site-packages');
    writeFileSync(tool, 'v1');
    writeFileSync(site, '');
    const cache = new ProbeCache(null);
    cache.beginRun({ PATH: '/a' });
    const key = cache.keyFor(tool, ['-m', 'ziglang'], [site]);
    cache.set(key, answer);
    expect(cache.get(cache.keyFor(tool, ['-m', 'ziglang'], [site]))).toEqual(answer);
    utimesSync(site, new Date(), new Date(Date.now() + 5000));
    expect(cache.get(cache.keyFor(tool, ['-m', 'ziglang'], [site]))).toBeUndefined();
    writeFileSync(tool, 'v2 (reinstalled)');
    expect(cache.keyFor(tool, ['-m', 'ziglang'], [site])).not.toBe(key);
    cache.beginRun({ PATH: '/b' });
    expect(cache.keyFor(tool, ['-m', 'ziglang'], [site])).not.toBe(key);
  });

  it('expires timed values', () => {
    const cache = new ProbeCache(null);
    cache.setTimed('net|x', { reachable: true });
    expect(cache.getTimed('net|x', 60_000)).toEqual({ reachable: true });
    expect(cache.getTimed('net|x', -1)).toBeUndefined();
  });
});

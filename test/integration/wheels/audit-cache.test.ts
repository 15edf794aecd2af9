import { basename, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { WheelReport } from '../../../src-main/common/wheel-report';
import { onToolRun } from '../../../src-main/core/process/spawn';
import { ProbeCache } from '../../../src-main/core/toolchain/probe-cache';
import { inspectWheel } from '../../../src-main/core/wheels/inspect-wheel';
import { hostExampleWheel } from '../../helpers/built-wheels';
import { tempDir } from '../../helpers/paths';
import { readWheelFiles, writeWheel, type WheelFiles } from '../../helpers/wheel-surgery';

// A no-change rebuild writes a new wheel (new zip timestamps, a fresh SBOM) around the same binaries.
// The real auditwheel and abi3audit judge it once; their verdicts are reused, also by the next process,
// until what they read changes.

const NATIVE = 'hello_pyo3/_native.abi3.so';
const SBOM = /\.dist-info\/sboms\//;
let files: WheelFiles;
let fileName: string;
const cacheFile = join(tempDir('audit-cache'), 'probes.json');

/**
 * One inspection, with the audit tools that ran on the wheel and the ones started ahead and then
 * stopped unused (a stopped tool reports its end shortly after the inspection, hence the wait).
 */
async function inspectCounting(path: string, cache: ProbeCache): Promise<{ report: WheelReport; audits: string[]; startedUnused: number }> {
  const audits: string[] = [];
  let startedUnused = 0;
  const stop = onToolRun((run) => {
    const tool = basename(run.command[0] ?? '');
    if (tool === 'auditwheel' || tool === 'abi3audit') audits.push(tool);
    else if (run.prestarted) startedUnused++;
  });
  try {
    cache.beginRun(process.env);
    const report = await inspectWheel(path, { env: process.env, dataDir: tempDir('data'), probeCache: cache });
    await cache.save();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    return { report, audits: audits.sort(), startedUnused };
  } finally {
    stop();
  }
}

/** The example wheel as a rebuild writes it: same binary, different SBOM. */
function rebuilt(change: (files: WheelFiles) => void = () => undefined): string {
  const copy = new Map(files);
  for (const name of copy.keys()) if (SBOM.test(name)) copy.set(name, Buffer.from(`{"serialNumber":"urn:uuid:${Math.random()}"}\n`));
  change(copy);
  return writeWheel(tempDir('rebuilt'), fileName, copy, { fixRecord: true });
}

describe('audit verdicts are reused for the same binaries', () => {
  beforeAll(async () => {
    const host = hostExampleWheel();
    files = await readWheelFiles(host);
    fileName = basename(host);
  });

  it('runs auditwheel and abi3audit once, then reuses their verdicts for a rebuild, also in a new process', async () => {
    const first = await inspectCounting(rebuilt(), new ProbeCache(cacheFile));
    expect(first.audits).toEqual(['abi3audit', 'auditwheel']);
    expect(first.report.audits.manylinux.status).toBe('passed');
    expect(first.report.audits.abi3).toMatchObject({ status: 'passed', verdict: 'abi3 ≥ 3.9' });

    const again = await inspectCounting(rebuilt(), new ProbeCache(cacheFile));
    expect(again.report.auditDigest).toBe(first.report.auditDigest);
    expect(again.audits).toEqual([]);
    expect(again.report.audits).toEqual(first.report.audits);
  });

  it('does not even start the audit tools for a file it audited before, unchanged', async () => {
    await inspectCounting(rebuilt(), new ProbeCache(cacheFile));
    const path = rebuilt();
    const first = await inspectCounting(path, new ProbeCache(cacheFile));
    // A new file, same binaries: the tools start while the archive is read, then the digest shows the verdicts are known.
    expect(first.audits).toEqual([]);
    expect(first.startedUnused).toBe(2);
    const again = await inspectCounting(path, new ProbeCache(cacheFile));
    expect(again.startedUnused).toBe(0);
    expect(again.audits).toEqual([]);
    expect(again.report.audits).toEqual(first.report.audits);
  });

  it('audits again when a binary changes', async () => {
    const base = await inspectCounting(rebuilt(), new ProbeCache(cacheFile));
    const changed = await inspectCounting(
      rebuilt((copy) => copy.set(NATIVE, Buffer.concat([copy.get(NATIVE) as Buffer, Buffer.alloc(16)]))),
      new ProbeCache(cacheFile),
    );
    expect(changed.report.auditDigest).not.toBe(base.report.auditDigest);
    expect(changed.audits).toEqual(['abi3audit', 'auditwheel']);
    expect(changed.report.audits.manylinux.status).toBe('passed');
  });
});

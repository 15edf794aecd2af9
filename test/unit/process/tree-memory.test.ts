import { describe, expect, it } from 'vitest';
import { runInPty } from '../../../src-main/core/process/spawn';
import { processLabel } from '../../../src-main/core/process/tree-memory';

describe('what a process of a build is', () => {
  it('a compiler is named with the crate it compiles', () => {
    expect(processLabel(['/root/.rustup/toolchains/stable-x86_64-unknown-linux-gnu/bin/rustc', '--crate-name', 'rustls', '--edition=2021', 'src/lib.rs'])).toEqual({ program: 'rustc', crate: 'rustls' });
  });

  it('anything else by its program', () => {
    expect(processLabel(['/usr/bin/cargo', 'rustc', '--profile', 'release'])).toEqual({ program: 'cargo', crate: null });
    expect(processLabel(['/tmp/t/release/build/pyo3-ffi-1/build-script-build'])).toEqual({ program: 'build-script-build', crate: null });
    expect(processLabel(['rustc', '--crate-name'])).toEqual({ program: 'rustc', crate: null });
  });
});

describe.runIf(process.platform === 'linux')('the biggest single process of a run', () => {
  it('is found in the tree, labelled from its command line, and is part of the peak', async () => {
    // sh starts a python that holds ~120 MB for two seconds; python keeps the arguments after -c in its command line.
    const hold = "import time; b = b'x' * (120 * 2**20); time.sleep(2)";
    const run = runInPty({ file: 'sh', args: ['-c', `python3 -c "${hold}" --crate-name big_crate; true`] }, { onData: () => undefined });
    const exit = await run.exited;
    expect(exit.exitCode).toBe(0);
    expect(exit.largestProcess).toMatchObject({ program: 'python3', crate: 'big_crate' });
    expect(exit.largestProcess?.rssBytes).toBeGreaterThan(120 * 1024 ** 2);
    expect(exit.peakRssBytes).toBeGreaterThan(exit.largestProcess?.rssBytes ?? Infinity);
  });
});

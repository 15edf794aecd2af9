import { describe, expect, it } from 'vitest';
import { rerunLine } from '../../../src-main/core/build/rerun-line';

describe('rerunLine', () => {
  it('gives the folder, the changed environment (sorted, quoted) and the command, writing into the output folder', () => {
    const line = rerunLine({
      projectDir: '/home/ana/my proj',
      command: ['/usr/bin/maturin', 'build', '--out', '/home/ana/my proj/dist/.wheelbench-partial-12-job-x86_64-unknown-linux-gnu', '--release', '--features', "a b's"],
      envDelta: { RUSTFLAGS: '-C link-arg=-s', CARGO_TARGET_DIR: '/data/cargo-target/ab', PYENV_VERSION: '3.11.7', GONE: undefined },
    });
    expect(line).toBe(
      "cd '/home/ana/my proj' && env -u GONE CARGO_TARGET_DIR=/data/cargo-target/ab PYENV_VERSION=3.11.7 RUSTFLAGS='-C link-arg=-s' /usr/bin/maturin build --out '/home/ana/my proj/dist' --release --features 'a b'\\''s'",
    );
  });

  it('leaves an --out that is not a partial folder, and needs no env when nothing changed', () => {
    expect(rerunLine({ projectDir: '/p', command: ['maturin', 'build', '--out', '/p/wheels'], envDelta: {} })).toBe('cd /p && maturin build --out /p/wheels');
  });

  it('has nothing to give for a build that never ran a command', () => {
    expect(rerunLine({ projectDir: '/p', command: [], envDelta: {} })).toBeNull();
  });
});

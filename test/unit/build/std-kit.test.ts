import { existsSync, mkdirSync, readdirSync, readlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { maturinBuildArgs } from '../../../src-main/core/build/maturin-command';
import type { BuildablePlan } from '../../../src-main/core/build/planner';
import { installStdKit, isStdKitReady, prepareStdKitWork, stdKitDir, stdKitFlags } from '../../../src-main/core/build/std-kit';
import { tempDir } from '../../helpers/paths';
import { debianRustc } from '../../helpers/toolchains';

const toolchain = debianRustc();

describe('where a kept std lives', () => {
  it('one kit per compiler and target: another release, compiler or target gets its own', () => {
    const dir = stdKitDir('/data', toolchain, 'x86_64-pc-windows-gnu');
    expect(dir).toMatch(/^\/data\/std\/x86_64-pc-windows-gnu-[0-9a-f]{16}$/);
    expect(stdKitDir('/data', toolchain, 'x86_64-pc-windows-gnu')).toBe(dir);
    expect(stdKitDir('/data', { ...toolchain, release: '1.97.0' }, 'x86_64-pc-windows-gnu')).not.toBe(dir);
    expect(stdKitDir('/data', { ...toolchain, rustc: '/opt/rust/bin/rustc' }, 'x86_64-pc-windows-gnu')).not.toBe(dir);
    expect(stdKitDir('/data', toolchain, 'aarch64-apple-darwin')).not.toMatch(/windows/);
  });
});

describe('passing a kit to cargo', () => {
  const project = () => tempDir('kit-project');
  const noCargoHome = { CARGO_HOME: tempDir('kit-cargo-home'), HOME: '/nonexistent' };

  it('as the target’s own rustflags, so host crates (proc-macros, build scripts) keep the toolchain’s std', () => {
    expect(stdKitFlags('/data/std/kit', 'x86_64-pc-windows-gnu', project(), noCargoHome)).toEqual({
      env: { CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUSTFLAGS: '--sysroot=/data/std/kit' },
    });
    expect(stdKitFlags('/data/std/kit', 'aarch64-apple-darwin', project(), { ...noCargoHome, CARGO_TARGET_AARCH64_APPLE_DARWIN_RUSTFLAGS: '-C opt-level=s' })).toEqual({
      env: { CARGO_TARGET_AARCH64_APPLE_DARWIN_RUSTFLAGS: '-C opt-level=s --sysroot=/data/std/kit' },
    });
  });

  it('added to the user’s RUSTFLAGS or CARGO_ENCODED_RUSTFLAGS when set, since cargo then reads only those', () => {
    expect(stdKitFlags('/k', 'x86_64-pc-windows-gnu', project(), { ...noCargoHome, RUSTFLAGS: '-C target-cpu=x86-64-v2' })).toEqual({ env: { RUSTFLAGS: '-C target-cpu=x86-64-v2 --sysroot=/k' } });
    expect(stdKitFlags('/k', 'x86_64-pc-windows-gnu', project(), { ...noCargoHome, CARGO_ENCODED_RUSTFLAGS: '-C\x1fopt-level=2' })).toEqual({ env: { CARGO_ENCODED_RUSTFLAGS: '-C\x1fopt-level=2\x1f--sysroot=/k' } });
    expect(stdKitFlags('/with space/k', 'x86_64-pc-windows-gnu', project(), { ...noCargoHome, CARGO_ENCODED_RUSTFLAGS: '' })).toEqual({ env: { CARGO_ENCODED_RUSTFLAGS: '--sysroot=/with space/k' } });
  });

  it('not when that would drop the user’s settings or split the path: the build then builds std itself, and says why', () => {
    const configured = project();
    mkdirSync(join(configured, '.cargo'));
    writeFileSync(join(configured, '.cargo', 'config.toml'), '[build]\nrustflags = ["-C", "target-cpu=native"]\n');
    const nested = join(configured, 'crates', 'ext');
    mkdirSync(nested, { recursive: true });
    expect(stdKitFlags('/k', 'x86_64-pc-windows-gnu', nested, noCargoHome)).toEqual({ unusable: `${join(configured, '.cargo', 'config.toml')} sets rustflags, which target rustflags would replace` });
    const home = tempDir('kit-cargo-home');
    writeFileSync(join(home, 'config'), '[target.x86_64-pc-windows-gnu]\nrustflags = ["-Ctarget-feature=+crt-static"]\n');
    expect(stdKitFlags('/k', 'x86_64-pc-windows-gnu', project(), { CARGO_HOME: home })).toMatchObject({ unusable: expect.stringContaining(join(home, 'config')) });
    expect(stdKitFlags('/with space/k', 'x86_64-pc-windows-gnu', project(), noCargoHome)).toMatchObject({ unusable: expect.stringContaining('space') });
  });

  it('maturin then builds without -Z build-std; without a kit it builds std itself', () => {
    const plan = { triple: 'x86_64-pc-windows-gnu', requested: 'windows-x86_64', buildStd: true, zig: false, compatibility: null, toolchain } as unknown as BuildablePlan;
    const base = { outDir: '/out', plan, settings: {}, profile: 'release' as const, jobs: undefined, explicitTarget: false };
    expect(maturinBuildArgs({ ...base, stdFromKit: true })).not.toContain('-Zbuild-std=std,panic_abort');
    expect(maturinBuildArgs(base)).toContain('-Zbuild-std=std,panic_abort');
  });
});

describe('building a kit', () => {
  it('builds std alone, release-optimised with bitcode kept, free of the user’s rustflags and profile overrides', async () => {
    const dataDir = tempDir('kit-data');
    const work = await prepareStdKitWork({
      dataDir,
      toolchain,
      triple: 'aarch64-apple-darwin',
      toolchainEnv: { RUSTC: '/usr/bin/rustc' },
      baseEnv: { PATH: '/usr/bin', RUSTFLAGS: '-C target-cpu=native', CARGO_PROFILE_RELEASE_LTO: 'fat', CARGO_BUILD_JOBS: '8', CARGO_TARGET_AARCH64_APPLE_DARWIN_RUSTFLAGS: '-Cfoo' },
      jobs: 1,
    });
    expect(work.kitDir).toBe(stdKitDir(dataDir, toolchain, 'aarch64-apple-darwin'));
    expect(work.workDir.startsWith(join(dataDir, 'std', '.building-aarch64-apple-darwin-'))).toBe(true);
    expect(work.command.file).toBe('/usr/bin/cargo');
    expect(work.command.args).toEqual(['build', '--release', '--target', 'aarch64-apple-darwin', '-Zbuild-std=std,panic_abort', '--manifest-path', join(work.workDir, 'crate', 'Cargo.toml'), '--jobs', '1']);
    expect(work.command.envDelta).toMatchObject({
      RUSTC: '/usr/bin/rustc',
      RUSTC_BOOTSTRAP: '1',
      CARGO_ENCODED_RUSTFLAGS: '-Cembed-bitcode=yes',
      CARGO_TARGET_DIR: join(work.workDir, 'target'),
      RUSTFLAGS: undefined,
      CARGO_PROFILE_RELEASE_LTO: undefined,
      CARGO_BUILD_JOBS: undefined,
      CARGO_TARGET_AARCH64_APPLE_DARWIN_RUSTFLAGS: undefined,
    });
    expect(Object.keys(work.command.envDelta ?? {})).toContain('RUSTFLAGS');
  });
});

describe('keeping a built kit', () => {
  function builtWork(dataDir: string, triple: string, rlibs: readonly string[]) {
    const workDir = join(dataDir, 'std', `.building-${triple}-1`);
    const deps = join(workDir, 'target', triple, 'release', 'deps');
    mkdirSync(deps, { recursive: true });
    for (const f of rlibs) writeFileSync(join(deps, f), f);
    writeFileSync(join(deps, 'libstd-1.rmeta'), '');
    return { workDir, kitDir: stdKitDir(dataDir, toolchain, triple), command: { file: 'cargo', args: [] } };
  }

  it('holds the target’s rlibs and a link to the host’s libraries, moved into place whole; older kits of the same compiler go', async () => {
    const dataDir = tempDir('kit-install');
    const triple = 'x86_64-pc-windows-gnu';
    const older = join(dataDir, 'std', `${triple}-0000000000000000`);
    const otherCompiler = join(dataDir, 'std', `${triple}-1111111111111111`);
    for (const [dir, rustc] of [[older, toolchain.rustc], [otherCompiler, '/opt/rust/bin/rustc']] as const) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'kit.json'), JSON.stringify({ rustc, triple }));
    }
    const work = builtWork(dataDir, triple, ['libstd-1.rlib', 'libcore-2.rlib', 'libpanic_abort-3.rlib', 'libwheelbench_std_kit-4.rlib']);
    expect(isStdKitReady(work.kitDir)).toBe(false);
    await installStdKit(work, toolchain, triple, 1234);
    expect(isStdKitReady(work.kitDir)).toBe(true);
    expect(readdirSync(join(work.kitDir, 'lib', 'rustlib', triple, 'lib')).sort()).toEqual(['libcore-2.rlib', 'libpanic_abort-3.rlib', 'libstd-1.rlib']);
    expect(readlinkSync(join(work.kitDir, 'lib', 'rustlib', toolchain.host))).toBe('/usr/lib/rustlib/x86_64-unknown-linux-gnu');
    expect(existsSync(older)).toBe(false);
    expect(existsSync(otherCompiler)).toBe(true);
  });

  it('refuses a build that left no std', async () => {
    const dataDir = tempDir('kit-install-empty');
    const work = builtWork(dataDir, 'aarch64-apple-darwin', ['libcore-2.rlib']);
    await expect(installStdKit(work, toolchain, 'aarch64-apple-darwin', 1)).rejects.toThrow('no libstd rlib');
    expect(isStdKitReady(work.kitDir)).toBe(false);
  });
});

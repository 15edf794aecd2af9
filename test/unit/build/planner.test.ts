import { describe, expect, it } from 'vitest';
import { planTargets, type BuildablePlan, type MachineFacts, type TargetPlan } from '../../../src-main/core/build/planner';
import type { RustToolchain } from '../../../src-main/core/toolchain/rust-toolchains';

// The planner decides from facts the probes found; these facts describe machines we cannot all have
// (offline rustup without cross std, Debian's rustc-web with arm64 std, no zig…).
const HOST = 'x86_64-unknown-linux-gnu';

function toolchain(overrides: Partial<RustToolchain>): RustToolchain {
  return {
    id: 'rustup:stable',
    label: 'rustup stable (rustc 1.95.0)',
    kind: 'rustup',
    rustc: '/home/u/.rustup/toolchains/stable/bin/rustc',
    cargo: '/home/u/.rustup/toolchains/stable/bin/cargo',
    release: '1.95.0',
    host: HOST,
    sysroot: '/home/u/.rustup/toolchains/stable',
    stdTargets: [HOST],
    hasRustSrc: false,
    hasObjcopy: true,
    isDefault: true,
    ...overrides,
  };
}

const rustupStable = toolchain({});
const debianRustcWeb = toolchain({
  id: 'system:/usr/bin/rustc',
  label: 'system rustc 1.96.0 (/usr/bin/rustc)',
  kind: 'system',
  rustc: '/usr/bin/rustc',
  release: '1.96.0',
  sysroot: '/usr',
  stdTargets: ['aarch64-unknown-linux-gnu', HOST],
  hasRustSrc: true,
  isDefault: false,
});

const facts = (overrides: Partial<MachineFacts> = {}): MachineFacts => ({
  host: HOST,
  toolchains: [rustupStable, debianRustcWeb],
  zig: true,
  crossLinkers: {},
  xwinCached: false,
  ...overrides,
});

const buildable = (plan: TargetPlan | undefined): BuildablePlan => {
  if (plan?.status !== 'buildable') throw new Error(`expected buildable, got ${JSON.stringify(plan)}`);
  return plan;
};

describe('target planner', () => {
  it('builds host natively with the default toolchain and no --target', () => {
    const [plan] = planTargets(['host'], facts());
    expect(buildable(plan)).toMatchObject({ triple: HOST, strategy: 'native', zig: false, buildStd: false, compatibility: null, toolchain: { id: 'rustup:stable' } });
  });

  it('links linux-aarch64 with zig as manylinux2014, using the toolchain that has its std', () => {
    const plan = buildable(planTargets(['linux-aarch64'], facts())[0]);
    expect(plan).toMatchObject({ triple: 'aarch64-unknown-linux-gnu', strategy: 'zig', zig: true, compatibility: 'manylinux2014', buildStd: false });
    expect(plan.toolchain.id).toBe('system:/usr/bin/rustc');
    expect(plan.reason).toBe('system rustc 1.96.0 (/usr/bin/rustc); zig links it as manylinux2014.');
  });

  it('uses a cross gcc as the linker when zig is absent', () => {
    const plan = buildable(planTargets(['linux-aarch64'], facts({ zig: false, crossLinkers: { 'aarch64-unknown-linux-gnu': '/usr/bin/aarch64-linux-gnu-gcc' } }))[0]);
    expect(plan).toMatchObject({ strategy: 'linker', zig: false, linker: '/usr/bin/aarch64-linux-gnu-gcc', compatibility: null });
  });

  it('says a target is unavailable, with the fix, when nothing can link it', () => {
    const [plan] = planTargets(['linux-aarch64'], facts({ zig: false }));
    expect(plan).toMatchObject({ status: 'unavailable', triple: 'aarch64-unknown-linux-gnu', fix: { command: 'wheelbench tools install zig' } });
  });

  it('says std is missing (rustup offline, no rust-src) with both the rustup and the Debian fix', () => {
    const [plan] = planTargets(['linux-aarch64'], facts({ toolchains: [rustupStable] }));
    expect(plan?.status).toBe('unavailable');
    if (plan?.status !== 'unavailable') return;
    expect(plan.reason).toContain('No Rust toolchain here has the standard library for aarch64-unknown-linux-gnu');
    expect(plan.fix?.command).toBe('rustup target add aarch64-unknown-linux-gnu');
    expect(plan.fix?.summary).toContain('libstd-rust-web-dev:arm64');
  });

  it('names a compiler that was found but did not answer when a target is unavailable, and only then', () => {
    const unanswered = ['/usr/bin/rustc: timed out: `-vV` gave no answer within 15 s and was stopped'];
    const [missing, host] = planTargets(['linux-aarch64', 'host'], facts({ toolchains: [rustupStable], unanswered }));
    expect(missing?.status).toBe('unavailable');
    expect(missing?.reason).toMatch(/^No Rust toolchain here has the standard library for aarch64-unknown-linux-gnu.*\. Found but not answering, so not considered: \/usr\/bin\/rustc: timed out: `-vV` gave no answer within 15 s and was stopped\.$/);
    expect(host?.status).toBe('buildable');
    expect(host?.reason).not.toContain('not answering');
  });

  it('falls back to -Z build-std, labelled, when only the std sources are there', () => {
    const plan = buildable(planTargets(['musllinux-x86_64'], facts())[0]);
    expect(plan).toMatchObject({ triple: 'x86_64-unknown-linux-musl', strategy: 'build-std', buildStd: true, compatibility: 'musllinux_1_2' });
    expect(plan.reason).toContain('-Z build-std');
  });

  it('builds windows-x86_64 as the GNU ABI with mingw-w64 when the MSVC CRT cannot be downloaded', () => {
    const plan = buildable(planTargets(['windows-x86_64'], facts({ crossLinkers: { 'x86_64-pc-windows-gnu': '/usr/bin/x86_64-w64-mingw32-gcc' } }))[0]);
    expect(plan).toMatchObject({ triple: 'x86_64-pc-windows-gnu', linker: '/usr/bin/x86_64-w64-mingw32-gcc', buildStd: true, strategy: 'build-std' });
    expect(plan.notes[0]).toContain('needs Microsoft');
    expect(plan.reason).toBe('system rustc 1.96.0 (/usr/bin/rustc), std built from source once and kept (-Z build-std); mingw-w64 links it as x86_64-pc-windows-gnu.');
  });

  it('uses xwin for MSVC when its CRT is cached', () => {
    const withMsvcStd = toolchain({ stdTargets: [HOST, 'x86_64-pc-windows-msvc'] });
    const plan = buildable(planTargets(['windows-x86_64'], facts({ xwinCached: true, toolchains: [withMsvcStd] }))[0]);
    expect(plan).toMatchObject({ triple: 'x86_64-pc-windows-msvc', strategy: 'xwin' });
  });

  it('needs zig for macOS from Linux, and states the SDK caveat', () => {
    expect(planTargets(['macos-arm64'], facts({ zig: false }))[0]).toMatchObject({ status: 'unavailable', fix: { command: 'wheelbench tools install zig' } });
    const plan = buildable(planTargets(['macos-arm64'], facts())[0]);
    expect(plan).toMatchObject({ triple: 'aarch64-apple-darwin', zig: true, strategy: 'build-std' });
    expect(plan.notes.join(' ')).toContain('SDKROOT');
    expect(plan.reason).toBe('system rustc 1.96.0 (/usr/bin/rustc), std built from source once and kept (-Z build-std); zig links it for macOS.');
  });

  it('macOS from Linux needs rust-objcopy beside rustc 1.84 or later (it strips Mach-O with it)', () => {
    const withoutObjcopy = { ...debianRustcWeb, hasObjcopy: false };
    expect(planTargets(['macos-arm64'], facts({ toolchains: [rustupStable, withoutObjcopy] }))[0]).toMatchObject({
      status: 'unavailable',
      reason: 'system rustc 1.96.0 (/usr/bin/rustc) strips macOS binaries with rust-objcopy, and there is none beside it or on PATH.',
      fix: { summary: expect.stringContaining('sudo apt-get install rust-web-llvm') },
    });
    const before184 = { ...withoutObjcopy, release: '1.83.0' };
    expect(buildable(planTargets(['macos-arm64'], facts({ toolchains: [rustupStable, before184] }))[0])).toMatchObject({ strategy: 'build-std', toolchain: { release: '1.83.0' } });
  });

  it('unknown names are unavailable with a pointer to the catalog, never guessed', () => {
    expect(planTargets(['bogus'], facts())[0]).toMatchObject({ status: 'unavailable', triple: null, reason: expect.stringContaining('Unknown target "bogus"') });
  });

  it('a matrix shares one toolchain when one can serve every target (host artifacts built once)', () => {
    const plans = planTargets(['linux-x86_64', 'linux-aarch64'], facts()).map(buildable);
    expect(new Set(plans.map((p) => p.toolchain.id))).toEqual(new Set(['system:/usr/bin/rustc']));
  });

  it('refuses to build one triple twice in a run (host and linux-x86_64), naming the first', () => {
    const [host, linux] = planTargets(['host', 'linux-x86_64'], facts());
    expect(host?.status).toBe('buildable');
    expect(linux).toMatchObject({ status: 'unavailable', triple: HOST, reason: `linux-x86_64 builds ${HOST}, which this run already builds as host.` });
  });

  it('with no Rust at all, every target says to install Rust', () => {
    expect(planTargets(['host'], facts({ toolchains: [] }))[0]).toMatchObject({ status: 'unavailable', reason: 'No Rust toolchain is installed.' });
  });
});

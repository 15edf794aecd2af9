import { describe, expect, it } from 'vitest';
import type { DoctorCheck } from '../../../src-main/common/domain';
import type { RustToolchain } from '../../../src-main/core/toolchain/rust-toolchains';
import { planTarget, type PlanFacts } from '../../../src-main/core/toolchain/target-plan';

// The planner's rules on made-up machines: which strategy, which toolchain, what is missing, which fix.

const HOST = 'x86_64-unknown-linux-gnu';

function toolchain(over: Partial<RustToolchain>): RustToolchain {
  return {
    label: 'rustup stable-x86_64-unknown-linux-gnu',
    kind: 'rustup',
    rustupName: 'stable-x86_64-unknown-linux-gnu',
    linked: false,
    rustc: '/r/stable/bin/rustc',
    cargo: '/r/stable/bin/cargo',
    banner: 'rustc 1.95.0',
    release: '1.95.0',
    host: HOST,
    nightly: false,
    sysroot: '/r/stable',
    std: [HOST],
    rustSrc: false,
    active: true,
    ...over,
  };
}

const rustupStable = toolchain({});
const debian = toolchain({
  label: 'Debian rustc at /usr/bin/rustc',
  kind: 'debian',
  rustupName: null,
  rustc: '/usr/bin/rustc',
  cargo: '/usr/bin/cargo',
  banner: 'rustc 1.96.0',
  sysroot: '/usr',
  std: ['aarch64-unknown-linux-gnu', HOST],
  rustSrc: true,
  active: false,
});

function facts(over: Partial<PlanFacts> = {}): PlanFacts {
  return {
    env: { PATH: '/nowhere' },
    hostTriple: HOST,
    hostPlatform: 'linux',
    toolchains: [rustupStable],
    rustupDefault: 'stable-x86_64-unknown-linux-gnu',
    rustup: '/r/bin/rustup',
    rustDistReachable: true,
    cratesReachable: true,
    zig: { kind: 'ziglang', python: '/usr/bin/python3', version: '0.15.1', source: 'path' },
    maturin: { path: '/bin/maturin', version: '1.16.0', source: 'path' },
    linkers: [],
    qemu: [],
    hostCc: '/usr/bin/cc',
    knownTriples: null,
    ...over,
  };
}

const byId = (checks: readonly DoctorCheck[], id: string) => {
  const check = checks.find((c) => c.id === id);
  if (!check) throw new Error(`no ${id} in ${checks.map((c) => c.id).join(', ')}`);
  return check;
};

describe('planTarget', () => {
  it('builds the host natively with the active toolchain and cc', () => {
    const plan = planTarget({ name: 'host', triple: HOST }, facts());
    expect(plan).toMatchObject({ buildable: true, strategy: 'native', toolchain: { label: rustupStable.label } });
    expect(byId(plan.checks, `target.${HOST}`)).toMatchObject({ status: 'ok', title: `Target ${HOST} (host)` });
    expect(byId(plan.checks, `link.${HOST}`).detail).toContain('/usr/bin/cc');
  });

  it('cannot link for the host without cc, and says which package gives it', () => {
    const plan = planTarget({ name: 'host', triple: HOST }, facts({ hostCc: null }));
    expect(plan.buildable).toBe(false);
    const link = byId(plan.checks, `link.${HOST}`);
    expect(link.status).toBe('error');
    expect(link.detail).toContain('linker `cc` not found');
  });

  it("picks Debian's toolchain for aarch64 when only it has that std, linking with zig", () => {
    const plan = planTarget({ name: 'linux-aarch64', triple: 'aarch64-unknown-linux-gnu' }, facts({ toolchains: [rustupStable, debian] }));
    expect(plan).toMatchObject({ buildable: true, strategy: 'zig', toolchain: { label: debian.label } });
    const std = byId(plan.checks, 'rust.std.aarch64-unknown-linux-gnu');
    expect(std.status).toBe('ok');
    expect(std.detail).toContain('found in /usr/lib/rustlib/aarch64-unknown-linux-gnu/lib (Debian rustc at /usr/bin/rustc)');
    expect(std.detail).toContain('The active toolchain (rustup stable-x86_64-unknown-linux-gnu) lacks it');
    expect(byId(plan.checks, 'target.aarch64-unknown-linux-gnu').detail).toMatch(/^Can be built here: strategy zig \(maturin build --zig --target aarch64-unknown-linux-gnu\), with Debian rustc/);
  });

  it('falls back to a cross gcc as the linker when zig is absent', () => {
    const gcc = { name: 'aarch64-linux-gnu-gcc', path: '/usr/bin/aarch64-linux-gnu-gcc', version: '12' };
    const plan = planTarget({ name: 'linux-aarch64', triple: 'aarch64-unknown-linux-gnu' }, facts({ toolchains: [debian], zig: null, linkers: [gcc] }));
    expect(plan.strategy).toBe('linker');
    expect(byId(plan.checks, 'target.aarch64-unknown-linux-gnu').detail).toContain('CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_LINKER=aarch64-linux-gnu-gcc');
  });

  it('lists exactly what is missing, each with its fix: std and a linker', () => {
    const plan = planTarget({ name: 'linux-aarch64', triple: 'aarch64-unknown-linux-gnu' }, facts({ zig: null }));
    expect(plan.buildable).toBe(false);
    const summary = byId(plan.checks, 'target.aarch64-unknown-linux-gnu');
    expect(summary.status).toBe('error');
    expect(summary.detail).toContain('Cannot be built here yet. Missing:');
    expect(summary.detail).toContain('• Rust standard library for aarch64-unknown-linux-gnu (linux-aarch64) (rust.std.aarch64-unknown-linux-gnu)');
    expect(summary.detail).toContain('• Linker for aarch64-unknown-linux-gnu (link.aarch64-unknown-linux-gnu)');
    expect(byId(plan.checks, 'rust.std.aarch64-unknown-linux-gnu').fix).toMatchObject({
      id: 'rust.std.aarch64-unknown-linux-gnu',
      command: 'rustup target add --toolchain stable-x86_64-unknown-linux-gnu aarch64-unknown-linux-gnu',
    });
    const link = byId(plan.checks, 'link.aarch64-unknown-linux-gnu');
    expect(link.detail).toContain('Relocations in generic ELF');
    expect(link.fix).toMatchObject({ id: 'link.aarch64-unknown-linux-gnu', command: 'wheelbench tools install zig' });
    // The summary offers the first missing piece's fix.
    expect(summary.fix?.id).toBe('rust.std.aarch64-unknown-linux-gnu');
  });

  it('never offers rustup target add for a linked toolchain', () => {
    const linked = toolchain({ label: 'rustup sys (linked to /usr)', rustupName: 'sys', linked: true, std: [HOST] });
    const plan = planTarget({ name: 'linux-aarch64', triple: 'aarch64-unknown-linux-gnu' }, facts({ toolchains: [linked], rustupDefault: 'sys' }));
    const fix = byId(plan.checks, 'rust.std.aarch64-unknown-linux-gnu').fix;
    expect(fix?.command ?? '').not.toContain('rustup target add');
  });

  it('labels -Z build-std as a fallback when a toolchain has rust-src but no std for the target', () => {
    const plan = planTarget({ name: 'macos-arm64', triple: 'aarch64-apple-darwin' }, facts({ toolchains: [rustupStable, debian] }));
    expect(plan).toMatchObject({ buildable: true, strategy: 'build-std', toolchain: { label: debian.label } });
    const summary = byId(plan.checks, 'target.aarch64-apple-darwin');
    expect(summary.status).toBe('warn');
    expect(summary.detail).toContain('Fallback strategy: std is compiled from rust-src');
    expect(summary.detail).toContain('macOS SDK');
    expect(summary.fix?.command).toContain('rustup target add');
  });

  it('says Windows MSVC goes through xwin, with its download caveat', () => {
    const msvc = toolchain({ std: [HOST, 'x86_64-pc-windows-msvc'] });
    const plan = planTarget({ name: 'windows-x86_64', triple: 'x86_64-pc-windows-msvc' }, facts({ toolchains: [msvc] }));
    expect(plan.strategy).toBe('xwin');
    expect(byId(plan.checks, 'target.x86_64-pc-windows-msvc')).toMatchObject({ status: 'warn', detail: expect.stringContaining('x86_64-pc-windows-gnu') });
  });

  it('blocks every target when maturin is missing', () => {
    const plan = planTarget({ name: 'host', triple: HOST }, facts({ maturin: null }));
    expect(plan.buildable).toBe(false);
    expect(byId(plan.checks, `target.${HOST}`).detail).toContain('maturin (tool.maturin): not installed');
  });

  it('rejects names that are no target, and triples rustc does not know', () => {
    const alias = planTarget({ name: 'linux-sparc', triple: null }, facts());
    expect(alias.checks).toHaveLength(1);
    expect(alias.checks[0]).toMatchObject({ id: 'target.linux-sparc', status: 'error', detail: "'linux-sparc' is neither a Rust target triple nor a Wheelbench target alias." });
    const typo = planTarget({ name: 'aarch64-unknown-linux-gun', triple: 'aarch64-unknown-linux-gun' }, facts({ knownTriples: new Set([HOST, 'aarch64-unknown-linux-gnu']) }));
    expect(typo.checks[0]?.detail).toContain('does not know the target aarch64-unknown-linux-gun');
  });

  it('names qemu for the import test of foreign Linux wheels', () => {
    const qemu = [{ arch: 'aarch64', path: '/usr/bin/qemu-aarch64', binfmt: false }];
    const withQemu = planTarget({ name: 'linux-aarch64', triple: 'aarch64-unknown-linux-gnu' }, facts({ toolchains: [debian], qemu }));
    expect(byId(withQemu.checks, 'target.aarch64-unknown-linux-gnu').detail).toContain('Import test: under qemu-aarch64 (/usr/bin/qemu-aarch64).');
    const without = planTarget({ name: 'linux-aarch64', triple: 'aarch64-unknown-linux-gnu' }, facts({ toolchains: [debian] }));
    expect(byId(without.checks, 'target.aarch64-unknown-linux-gnu').detail).toContain('qemu-aarch64 is not installed');
  });
});

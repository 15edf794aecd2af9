import { describe, expect, it } from 'vitest';
import type { DoctorCheck } from '../../../src-main/common/domain';
import type { RustToolchain } from '../../../src-main/core/toolchain/rust-toolchains';
import { targetChecks, type TargetFacts } from '../../../src-main/core/toolchain/target-checks';
import { debianRustc } from '../../helpers/toolchains';

// `doctor --target` on made-up machines: the build planner's strategy and toolchain, and every missing
// piece as its own check with its fix.

const HOST = 'x86_64-unknown-linux-gnu';

function toolchain(over: Partial<RustToolchain>): RustToolchain {
  return {
    id: 'rustup:stable-x86_64-unknown-linux-gnu',
    label: 'rustup stable-x86_64-unknown-linux-gnu (rustc 1.95.0)',
    kind: 'rustup',
    rustc: '/r/stable/bin/rustc',
    cargo: '/r/stable/bin/cargo',
    release: '1.95.0',
    host: HOST,
    sysroot: '/r/stable',
    stdTargets: [HOST],
    hasRustSrc: false,
    hasObjcopy: true,
    isDefault: true,
    ...over,
  };
}

const rustupStable = toolchain({});
const debian = debianRustc();
const zig = { kind: 'ziglang', python: '/usr/bin/python3', version: '0.15.1', source: 'path' } as const;
const aarch64Gcc = { name: 'aarch64-linux-gnu-gcc', path: '/usr/bin/aarch64-linux-gnu-gcc', version: '12' };

function facts(over: Partial<TargetFacts> = {}): TargetFacts {
  return {
    host: HOST,
    toolchains: [rustupStable],
    zig: true,
    crossLinkers: {},
    xwinCached: false,
    env: { PATH: '/nowhere' },
    hostPlatform: 'linux',
    rustup: '/r/bin/rustup',
    rustDistReachable: true,
    cratesReachable: true,
    zigFound: zig,
    maturin: { path: '/bin/maturin', version: '1.16.0', source: 'path' },
    linkers: [],
    qemu: [],
    hostCc: '/usr/bin/cc',
    knownTriples: null,
    ...over,
  };
}

const byId = (checks: readonly DoctorCheck[], id: string): DoctorCheck => {
  const check = checks.find((c) => c.id === id);
  if (!check) throw new Error(`no ${id} in ${checks.map((c) => c.id).join(', ')}`);
  return check;
};

describe('targetChecks', () => {
  it('builds the host natively with the default toolchain, linked by cc', () => {
    const checks = targetChecks(['host'], facts());
    expect(byId(checks, `target.${HOST}`)).toMatchObject({ status: 'ok', title: `Target ${HOST} (host)`, detail: expect.stringMatching(/^Can be built here: strategy native \(maturin build\), with rustup stable/) });
    expect(byId(checks, `link.${HOST}`).detail).toContain('/usr/bin/cc');
  });

  it('cannot link for the host without cc', () => {
    const checks = targetChecks(['host'], facts({ hostCc: null }));
    expect(byId(checks, `target.${HOST}`).status).toBe('error');
    expect(byId(checks, `link.${HOST}`)).toMatchObject({ status: 'error', detail: expect.stringContaining('linker `cc` not found') });
  });

  it("takes Debian's toolchain for aarch64 when only it has that std, linking with zig", () => {
    const checks = targetChecks(['linux-aarch64'], facts({ toolchains: [rustupStable, debian] }));
    expect(byId(checks, 'target.aarch64-unknown-linux-gnu').detail).toMatch(
      /^Can be built here: strategy zig \(maturin build --zig --target aarch64-unknown-linux-gnu\), with system rustc 1\.96\.0 \(\/usr\/bin\/rustc\)\./,
    );
    const std = byId(checks, 'rust.std.aarch64-unknown-linux-gnu');
    expect(std.status).toBe('ok');
    expect(std.detail).toContain('found in /usr/lib/rustlib/aarch64-unknown-linux-gnu/lib (system rustc 1.96.0 (/usr/bin/rustc))');
    expect(std.detail).toContain('The active toolchain (rustup stable-x86_64-unknown-linux-gnu (rustc 1.95.0)) lacks it');
  });

  it('uses a cross gcc as the linker when zig is absent', () => {
    const checks = targetChecks(['linux-aarch64'], facts({ toolchains: [debian], zig: false, zigFound: null, linkers: [aarch64Gcc], crossLinkers: { 'aarch64-unknown-linux-gnu': aarch64Gcc.path } }));
    expect(byId(checks, 'target.aarch64-unknown-linux-gnu').detail).toContain('strategy linker');
    expect(byId(checks, 'link.aarch64-unknown-linux-gnu').detail).toBe('/usr/bin/aarch64-linux-gnu-gcc links it (CARGO_TARGET_…_LINKER).');
  });

  it('lists exactly what is missing, each with its fix: std and a linker', () => {
    const checks = targetChecks(['linux-aarch64'], facts({ zig: false, zigFound: null }));
    const summary = byId(checks, 'target.aarch64-unknown-linux-gnu');
    expect(summary.status).toBe('error');
    expect(summary.detail).toMatch(/^Cannot be built here yet: No Rust toolchain here has the standard library for aarch64-unknown-linux-gnu/);
    expect(summary.detail).toContain('• Rust standard library for aarch64-unknown-linux-gnu (linux-aarch64) (rust.std.aarch64-unknown-linux-gnu)');
    expect(summary.detail).toContain('• Linker for aarch64-unknown-linux-gnu (link.aarch64-unknown-linux-gnu)');
    expect(byId(checks, 'rust.std.aarch64-unknown-linux-gnu').fix).toMatchObject({
      id: 'rust.std.aarch64-unknown-linux-gnu',
      command: 'rustup target add --toolchain stable-x86_64-unknown-linux-gnu aarch64-unknown-linux-gnu',
    });
    const link = byId(checks, 'link.aarch64-unknown-linux-gnu');
    expect(link.detail).toContain('Relocations in generic ELF');
    expect(link.fix).toMatchObject({ id: 'link.aarch64-unknown-linux-gnu', command: 'wheelbench tools install zig' });
    expect(summary.fix?.id).toBe('rust.std.aarch64-unknown-linux-gnu');
  });

  it('never offers rustup target add for a linked toolchain', () => {
    const linked = toolchain({ id: 'rustup:debian-web', label: 'rustup debian-web (rustc 1.96.0, linked to /usr)', linked: true });
    const fix = byId(targetChecks(['macos-arm64'], facts({ toolchains: [linked] })), 'rust.std.aarch64-apple-darwin').fix;
    expect(fix?.command ?? '').not.toContain('rustup target add');
  });

  it('labels -Z build-std as a fallback when a toolchain has rust-src but no std for the target', () => {
    const checks = targetChecks(['macos-arm64'], facts({ toolchains: [rustupStable, debian] }));
    const summary = byId(checks, 'target.aarch64-apple-darwin');
    expect(summary.status).toBe('warn');
    expect(summary.detail).toContain('strategy build-std');
    expect(summary.detail).toContain('Fallback strategy: std is compiled from rust-src');
    expect(summary.detail).toContain('macOS SDK');
    expect(summary.fix?.command).toContain('rustup target add');
    expect(byId(checks, 'rust.std.aarch64-apple-darwin').status).toBe('warn');
  });

  it('builds Windows MSVC through xwin when its CRT is cached, else the GNU ABI, and says so', () => {
    const msvc = toolchain({ stdTargets: [HOST, 'x86_64-pc-windows-msvc', 'x86_64-pc-windows-gnu'] });
    expect(byId(targetChecks(['windows-x86_64'], facts({ toolchains: [msvc], xwinCached: true })), 'target.x86_64-pc-windows-msvc').detail).toContain('strategy xwin');
    const gnu = targetChecks(['windows-x86_64'], facts({ toolchains: [msvc] }));
    expect(byId(gnu, 'target.x86_64-pc-windows-msvc')).toMatchObject({ status: 'warn', detail: expect.stringContaining('building the GNU ABI x86_64-pc-windows-gnu instead') });
    expect(byId(gnu, 'rust.std.x86_64-pc-windows-gnu').status).toBe('ok');
  });

  it('notes a missing maturin (the build installs it) without blocking the target', () => {
    expect(byId(targetChecks(['host'], facts({ maturin: null })), `target.${HOST}`)).toMatchObject({ status: 'ok', detail: expect.stringContaining("the build first installs it into Wheelbench's own tools") });
  });

  it('rejects names that are no target, and triples rustc does not know', () => {
    expect(targetChecks(['sparc'], facts())).toEqual([
      expect.objectContaining({ id: 'target.sparc', status: 'error', detail: "'sparc' is neither a Rust target triple nor a Wheelbench target alias." }),
    ]);
    const typo = targetChecks(['aarch64-unknown-linux-gun'], facts({ knownTriples: new Set([HOST, 'aarch64-unknown-linux-gnu']) }));
    expect(typo[0]?.detail).toBe('rustc 1.95.0 does not know the target aarch64-unknown-linux-gun.');
  });

  it('names qemu for the import test of foreign Linux wheels', () => {
    const qemu = [{ arch: 'aarch64', path: '/usr/bin/qemu-aarch64', binfmt: false }];
    expect(byId(targetChecks(['linux-aarch64'], facts({ toolchains: [debian], qemu })), 'target.aarch64-unknown-linux-gnu').detail).toContain('Import test: under qemu-aarch64 (/usr/bin/qemu-aarch64).');
    expect(byId(targetChecks(['linux-aarch64'], facts({ toolchains: [debian] })), 'target.aarch64-unknown-linux-gnu').detail).toContain('qemu-aarch64 is not installed');
  });
});

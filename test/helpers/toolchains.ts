import type { RustToolchain } from '../../src-main/core/toolchain/rust-toolchains';

/** Debian's rustc as the doctor describes it on this kind of machine: /usr/bin/rustc 1.96 with arm64 std and the std sources. */
export function debianRustc(over: Partial<RustToolchain> = {}): RustToolchain {
  return {
    id: 'system:/usr/bin/rustc',
    label: 'system rustc 1.96.0 (/usr/bin/rustc)',
    kind: 'system',
    rustc: '/usr/bin/rustc',
    cargo: '/usr/bin/cargo',
    release: '1.96.0',
    host: 'x86_64-unknown-linux-gnu',
    sysroot: '/usr',
    stdTargets: ['aarch64-unknown-linux-gnu', 'x86_64-unknown-linux-gnu'],
    hasRustSrc: true,
    hasObjcopy: true,
    isDefault: false,
    ...over,
  };
}

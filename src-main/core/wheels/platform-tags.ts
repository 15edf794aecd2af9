import type { BinaryFormat } from '../../common/wheel-report';

// What a wheel's platform tag promises: which OS, which binary format, which architectures, and for
// Linux which libc policy (manylinux_X_Y / musllinux_X_Y).

export type PlatformOs = 'any' | 'linux' | 'windows' | 'macos' | 'other';

export interface LinuxPolicy {
  readonly libc: 'glibc' | 'musl' | 'none';
  /** The glibc/musl version the tag requires, e.g. [2, 17]; null for `linux_*` tags. */
  readonly version: readonly [number, number] | null;
}

export interface PlatformFacts {
  readonly tag: string;
  readonly os: PlatformOs;
  readonly format: BinaryFormat | null;
  /** Every architecture a binary must contain (universal2: x86_64 and arm64); empty for `any`. */
  readonly architectures: readonly string[];
  readonly linux: LinuxPolicy | null;
}

const LEGACY_MANYLINUX: Readonly<Record<string, readonly [number, number]>> = {
  manylinux1: [2, 5],
  manylinux2010: [2, 12],
  manylinux2014: [2, 17],
};

const MAC_FAT: Readonly<Record<string, readonly string[]>> = {
  universal2: ['x86_64', 'arm64'],
  intel: ['i386', 'x86_64'],
  fat: ['i386', 'ppc'],
  fat3: ['i386', 'ppc', 'x86_64'],
  fat64: ['ppc64', 'x86_64'],
  universal: ['i386', 'ppc', 'ppc64', 'x86_64'],
};

const WINDOWS: Readonly<Record<string, string>> = { win32: 'x86', win_amd64: 'x86_64', win_arm64: 'arm64', win_arm32: 'arm' };

export function platformFacts(tag: string): PlatformFacts {
  if (tag === 'any') return { tag, os: 'any', format: null, architectures: [], linux: null };
  const windows = WINDOWS[tag];
  if (windows) return { tag, os: 'windows', format: 'pe', architectures: [windows], linux: null };
  const mac = /^macosx_\d+_\d+_(.+)$/.exec(tag);
  if (mac) {
    const arch = mac[1] as string;
    const fat = MAC_FAT[arch];
    return { tag, os: 'macos', format: fat ? 'macho-fat' : 'macho', architectures: fat ?? [arch], linux: null };
  }
  const policy = /^(manylinux|musllinux)_(\d+)_(\d+)_(.+)$/.exec(tag);
  if (policy) {
    const [, kind, major, minor, arch] = policy as unknown as [string, string, string, string, string];
    return linuxFacts(tag, arch, { libc: kind === 'musllinux' ? 'musl' : 'glibc', version: [Number(major), Number(minor)] });
  }
  const legacy = /^(manylinux1|manylinux2010|manylinux2014)_(.+)$/.exec(tag);
  if (legacy) return linuxFacts(tag, legacy[2] as string, { libc: 'glibc', version: LEGACY_MANYLINUX[legacy[1] as string] ?? null });
  const plain = /^linux_(.+)$/.exec(tag);
  if (plain) return linuxFacts(tag, plain[1] as string, { libc: 'none', version: null });
  return { tag, os: 'other', format: null, architectures: [], linux: null };
}

function linuxFacts(tag: string, arch: string, linux: LinuxPolicy): PlatformFacts {
  return { tag, os: 'linux', format: 'elf', architectures: [arch], linux };
}

/** `manylinux_2_17` for a policy (the part a badge shows), or null for `linux_*`. */
export function policyName(linux: LinuxPolicy): string | null {
  if (!linux.version) return null;
  return `${linux.libc === 'musl' ? 'musllinux' : 'manylinux'}_${linux.version[0]}_${linux.version[1]}`;
}

export function compareVersionPairs(a: readonly [number, number], b: readonly [number, number]): number {
  return a[0] - b[0] || a[1] - b[1];
}

import type { Fix, WheelTags } from '../../../common/domain';
import { compareVersionPairs, platformFacts, type PlatformFacts, type PlatformOs } from '../platform-tags';

// Where a wheel can run: on this machine, under qemu-user with a target-arch Python, or nowhere here
// (then it gets the static checks only, labelled "not executed").

export interface HostFacts {
  readonly os: PlatformOs;
  /** In Linux wheel-tag spelling: x86_64, aarch64, i686, armv7l, … */
  readonly arch: string;
  /** glibc version on Linux; null elsewhere or on musl. */
  readonly glibc: readonly [number, number] | null;
}

/** How qemu-user and Debian name a Linux wheel architecture. */
export interface ForeignArch {
  readonly arch: string;
  readonly qemu: string;
  readonly debian: string;
}

const FOREIGN: Readonly<Record<string, ForeignArch>> = {
  aarch64: { arch: 'aarch64', qemu: 'qemu-aarch64', debian: 'arm64' },
  armv7l: { arch: 'armv7l', qemu: 'qemu-arm', debian: 'armhf' },
  i686: { arch: 'i686', qemu: 'qemu-i386', debian: 'i386' },
  x86_64: { arch: 'x86_64', qemu: 'qemu-x86_64', debian: 'amd64' },
  ppc64le: { arch: 'ppc64le', qemu: 'qemu-ppc64le', debian: 'ppc64el' },
  s390x: { arch: 's390x', qemu: 'qemu-s390x', debian: 's390x' },
  riscv64: { arch: 'riscv64', qemu: 'qemu-riscv64', debian: 'riscv64' },
};

const NODE_ARCH: Readonly<Record<string, string>> = { x64: 'x86_64', arm64: 'aarch64', ia32: 'i686', arm: 'armv7l', ppc64: 'ppc64le', s390x: 's390x', riscv64: 'riscv64' };

export function currentHost(): HostFacts {
  const os: PlatformOs = process.platform === 'linux' ? 'linux' : process.platform === 'darwin' ? 'macos' : process.platform === 'win32' ? 'windows' : 'other';
  const header = (process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined)?.header;
  const [major, minor] = (header?.glibcVersionRuntime ?? '').split('.').map(Number);
  const glibc = os === 'linux' && major && minor !== undefined && Number.isFinite(minor) ? ([major, minor] as const) : null;
  return { os, arch: NODE_ARCH[process.arch] ?? process.arch, glibc };
}

export type RunPlan =
  | { readonly kind: 'host' }
  | { readonly kind: 'qemu'; readonly foreign: ForeignArch; readonly libc: 'glibc' | 'musl' }
  | { readonly kind: 'none'; readonly reason: string; readonly fix?: Fix };

const OS_NAMES: Readonly<Record<PlatformOs, string>> = { any: 'any', linux: 'Linux', windows: 'Windows', macos: 'macOS', other: 'this' };

/** Decides how to run a wheel from its platform tags and the machine Wheelbench runs on. */
export function planExecution(tags: readonly WheelTags[], host: HostFacts, userRoot: boolean): RunPlan {
  const platforms = [...new Set(tags.map((t) => t.platform))].map(platformFacts);
  if (platforms.some((p) => p.os === 'any')) return { kind: 'host' };
  const native = platforms.find((p) => p.os === host.os && p.architectures.includes(macSpelling(host)));
  if (native) return host.os === 'linux' ? planLinuxHost(native, host, userRoot) : { kind: 'host' };
  const linux = platforms.find((p) => p.os === 'linux');
  if (linux && host.os === 'linux') {
    const foreign = FOREIGN[linux.architectures[0] ?? ''];
    if (!foreign) return { kind: 'none', reason: `Wheelbench has no qemu-user mapping for ${linux.architectures[0]}; the wheel got the static checks only.` };
    const libc = linux.linux?.libc === 'musl' ? 'musl' : 'glibc';
    if (libc === 'musl' && !userRoot) return muslNeedsRoot(linux, foreign.arch);
    return { kind: 'qemu', foreign, libc };
  }
  const sameOs = platforms.find((p) => p.os === host.os);
  if (sameOs) {
    return { kind: 'none', reason: `The wheel is built for ${sameOs.architectures.join(' + ')} and this machine is ${macSpelling(host)}: it got the static checks only.` };
  }
  const os = platforms[0]?.os ?? 'other';
  return {
    kind: 'none',
    reason: `${OS_NAMES[os]} wheels cannot be run on ${OS_NAMES[host.os]}: this wheel got the static checks only (format, architecture, exports, tags, RECORD).`,
  };
}

function planLinuxHost(platform: PlatformFacts, host: HostFacts, userRoot: boolean): RunPlan {
  const policy = platform.linux;
  if (policy?.libc === 'musl') {
    if (userRoot) return { kind: 'qemu', foreign: FOREIGN[host.arch] as ForeignArch, libc: 'musl' };
    return muslNeedsRoot(platform, host.arch);
  }
  if (policy?.version && host.glibc && compareVersionPairs(policy.version, host.glibc) > 0) {
    return {
      kind: 'none',
      reason: `The wheel needs glibc ${policy.version.join('.')} (${platform.tag}) but this machine has glibc ${host.glibc.join('.')}: it cannot be imported here.`,
      fix: { summary: 'Verify it on a newer system, or build for an older policy (maturin build --zig --compatibility manylinux2014).' },
    };
  }
  return { kind: 'host' };
}

function muslNeedsRoot(platform: PlatformFacts, arch: string): RunPlan {
  return {
    kind: 'none',
    reason: `${platform.tag} needs a musl Python, and Debian packages none: the wheel got the static checks only.`,
    fix: { summary: `Point Wheelbench at a musl ${arch} Python root (for example an exported Alpine image with python3 installed).`, command: `wheelbench verify WHEEL --python-root DIR` },
  };
}

/** macOS tags call aarch64 arm64. */
function macSpelling(host: HostFacts): string {
  return host.os === 'macos' && host.arch === 'aarch64' ? 'arm64' : host.os === 'windows' && host.arch === 'aarch64' ? 'arm64' : host.arch;
}

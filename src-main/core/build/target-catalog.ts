// The targets Wheelbench knows: Rust triple ↔ alias ↔ the wheel platform tag maturin writes.

export type TargetOs = 'linux' | 'windows' | 'macos';

export interface CatalogTarget {
  readonly alias: string;
  readonly triple: string;
  readonly os: TargetOs;
  /** The architecture as Python's platform tags spell it. */
  readonly arch: string;
  readonly libc: 'gnu' | 'musl' | null;
  /** The platform tag of a wheel for this target (Linux: at the default compatibility). */
  readonly platformTag: string;
  /** Triples whose standard library the build needs (universal2 is two builds in one). */
  readonly stdTriples: readonly string[];
}

const linux = (alias: string, triple: string, arch: string, libc: 'gnu' | 'musl'): CatalogTarget => ({
  alias,
  triple,
  os: 'linux',
  arch,
  libc,
  platformTag: libc === 'musl' ? `musllinux_1_2_${arch}` : `manylinux2014_${arch}`,
  stdTriples: [triple],
});

export const CATALOG: readonly CatalogTarget[] = [
  linux('linux-x86_64', 'x86_64-unknown-linux-gnu', 'x86_64', 'gnu'),
  linux('linux-aarch64', 'aarch64-unknown-linux-gnu', 'aarch64', 'gnu'),
  linux('linux-armv7', 'armv7-unknown-linux-gnueabihf', 'armv7l', 'gnu'),
  linux('musllinux-x86_64', 'x86_64-unknown-linux-musl', 'x86_64', 'musl'),
  linux('musllinux-aarch64', 'aarch64-unknown-linux-musl', 'aarch64', 'musl'),
  { alias: 'windows-x86_64', triple: 'x86_64-pc-windows-msvc', os: 'windows', arch: 'amd64', libc: null, platformTag: 'win_amd64', stdTriples: ['x86_64-pc-windows-msvc'] },
  { alias: 'windows-arm64', triple: 'aarch64-pc-windows-msvc', os: 'windows', arch: 'arm64', libc: null, platformTag: 'win_arm64', stdTriples: ['aarch64-pc-windows-msvc'] },
  { alias: 'macos-x86_64', triple: 'x86_64-apple-darwin', os: 'macos', arch: 'x86_64', libc: null, platformTag: 'macosx_10_12_x86_64', stdTriples: ['x86_64-apple-darwin'] },
  { alias: 'macos-arm64', triple: 'aarch64-apple-darwin', os: 'macos', arch: 'arm64', libc: null, platformTag: 'macosx_11_0_arm64', stdTriples: ['aarch64-apple-darwin'] },
  {
    alias: 'macos-universal2',
    triple: 'universal2-apple-darwin',
    os: 'macos',
    arch: 'universal2',
    libc: null,
    platformTag: 'macosx_10_12_universal2',
    stdTriples: ['x86_64-apple-darwin', 'aarch64-apple-darwin'],
  },
];

/** Windows GNU triples: what Windows targets fall back to when MSVC's CRT cannot be downloaded. */
export const WINDOWS_GNU: Readonly<Record<string, string>> = {
  'x86_64-pc-windows-msvc': 'x86_64-pc-windows-gnu',
};

export function catalogEntry(tripleOrAlias: string): CatalogTarget | undefined {
  const gnuOf = Object.entries(WINDOWS_GNU).find(([, gnu]) => gnu === tripleOrAlias)?.[0];
  return CATALOG.find((t) => t.alias === tripleOrAlias || t.triple === tripleOrAlias || t.triple === gnuOf);
}

/** Debian's architecture name for a target (for apt packages such as libstd-rust-web-dev:arm64). */
export function debianArch(triple: string): string | null {
  if (triple.startsWith('aarch64-')) return 'arm64';
  if (triple.startsWith('armv7-')) return 'armhf';
  if (triple.startsWith('x86_64-')) return 'amd64';
  if (triple.startsWith('i686-')) return 'i386';
  return null;
}

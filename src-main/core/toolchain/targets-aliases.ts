const ALIASES: Readonly<Record<string, string>> = {
  'linux-x86_64': 'x86_64-unknown-linux-gnu',
  'linux-aarch64': 'aarch64-unknown-linux-gnu',
  'linux-armv7': 'armv7-unknown-linux-gnueabihf',
  'musllinux-x86_64': 'x86_64-unknown-linux-musl',
  'musllinux-aarch64': 'aarch64-unknown-linux-musl',
  'windows-x86_64': 'x86_64-pc-windows-msvc',
  'windows-arm64': 'aarch64-pc-windows-msvc',
  'macos-x86_64': 'x86_64-apple-darwin',
  'macos-arm64': 'aarch64-apple-darwin',
  'macos-universal2': 'universal2-apple-darwin',
};

export const TARGET_ALIASES: readonly string[] = ['host', ...Object.keys(ALIASES)];

const TRIPLE_SHAPE = /^[a-z0-9_]+(?:-[a-z0-9_.]+){1,3}$/;

/**
 * A Rust target triple for a triple or alias (`linux-aarch64`, `host`…); null when the name is neither.
 * `host` needs the host triple; pass null when it is unknown (no rustc) and `host` resolves to null.
 */
export function resolveTargetTriple(nameOrAlias: string, hostTriple: string | null): string | null {
  const name = nameOrAlias.trim();
  if (name === 'host') return hostTriple;
  const alias = ALIASES[name];
  if (alias !== undefined) return alias;
  return TRIPLE_SHAPE.test(name) ? name : null;
}

/** The triples whose std a target needs: maturin's `universal2-apple-darwin` is two builds in one. */
export function stdTriplesFor(triple: string): readonly string[] {
  return triple === 'universal2-apple-darwin' ? ['x86_64-apple-darwin', 'aarch64-apple-darwin'] : [triple];
}

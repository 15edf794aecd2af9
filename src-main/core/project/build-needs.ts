import { readFile } from 'node:fs/promises';
import { parse } from 'smol-toml';
import type { BuildNeed } from '../../common/domain';

// What the build scripts in the dependency graph will ask of the machine. Cargo.lock names every crate
// that will be built, so a `prost-build` anywhere in it (seed 000: through a path dependency) means
// protoc is needed — unless a vendored protoc comes along.

const NEEDS: readonly { readonly need: BuildNeed; readonly crates: readonly string[]; readonly vendoredBy: readonly string[] }[] = [
  { need: 'protoc', crates: ['prost-build', 'tonic-build', 'tonic-prost-build', 'protobuf-codegen', 'grpcio-compiler'], vendoredBy: ['protoc-bin-vendored', 'protobuf-src'] },
  { need: 'c-compiler', crates: ['cc', 'cmake'], vendoredBy: [] },
  { need: 'openssl', crates: ['openssl-sys'], vendoredBy: ['openssl-src'] },
];

/** The crates a Cargo.lock lists; empty when there is none or it does not parse (cargo rewrites it anyway). */
export async function lockedCrates(lockFile: string): Promise<ReadonlySet<string>> {
  const text = await readFile(lockFile, 'utf8').catch(() => null);
  if (text === null) return new Set();
  try {
    const lock = parse(text) as { package?: { name?: unknown }[] };
    return new Set((lock.package ?? []).map((p) => p.name).filter((n): n is string => typeof n === 'string'));
  } catch {
    return new Set();
  }
}

export interface NeedSource {
  readonly need: BuildNeed;
  /** The crate that brings the need in. */
  readonly crate: string;
}

export function buildNeeds(crates: ReadonlySet<string>): NeedSource[] {
  return NEEDS.flatMap(({ need, crates: triggers, vendoredBy }) => {
    const trigger = triggers.find((c) => crates.has(c));
    return trigger && !vendoredBy.some((v) => crates.has(v)) ? [{ need, crate: trigger }] : [];
  });
}

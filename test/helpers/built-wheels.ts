import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exampleProject } from './paths';

// Real wheels of the bundled example, built with maturin once and kept (by source hash) in the temp
// dir, so every test file and the e2e tests share them instead of rebuilding.

const ROOT = join(tmpdir(), 'wheelbench-test-wheels');
const AARCH64 = 'aarch64-unknown-linux-gnu';

function sourceKey(): string {
  const hash = createHash('sha256');
  const files = ['Cargo.toml', 'Cargo.lock', 'pyproject.toml', 'src/lib.rs', 'python/hello_pyo3/__init__.py'];
  for (const file of files) hash.update(file).update(readFileSync(join(exampleProject, file)));
  return hash.digest('hex').slice(0, 12);
}

function sysrootHasTarget(rustc: string, target: string): boolean {
  try {
    const sysroot = execFileSync(rustc, ['--print', 'sysroot'], { encoding: 'utf8' }).trim();
    return existsSync(join(sysroot, 'lib', 'rustlib', target, 'lib'));
  } catch {
    return false;
  }
}

/** A rustc that has the aarch64 standard library: rustup's, or Debian's rustc-web with libstd-rust-web-dev:arm64. */
export function aarch64Rustc(): string | null {
  for (const rustc of ['rustc', '/usr/bin/rustc']) if (sysrootHasTarget(rustc, AARCH64)) return rustc;
  return null;
}

function build(target: 'host' | 'aarch64'): string {
  const out = join(ROOT, `${sourceKey()}-${target}`);
  const existing = existsSync(out) ? readdirSync(out).filter((f) => f.endsWith('.whl')) : [];
  if (existing[0]) return join(out, existing[0]);
  const partial = `${out}.partial`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  const env: NodeJS.ProcessEnv = { ...process.env, CARGO_TARGET_DIR: join(ROOT, `target-${target}`), CARGO_TERM_COLOR: 'never' };
  const args = ['build', '--release', '--out', partial];
  if (target === 'aarch64') {
    const rustc = aarch64Rustc();
    if (!rustc) throw new Error(`No rustc with the ${AARCH64} standard library (install rustc-web and libstd-rust-web-dev:arm64, see .ci/setup).`);
    env.RUSTC = rustc;
    args.push('--target', AARCH64, '--zig');
  }
  execFileSync('maturin', args, { cwd: exampleProject, env, stdio: ['ignore', 'ignore', 'pipe'] });
  rmSync(out, { recursive: true, force: true });
  renameSync(partial, out);
  return join(out, readdirSync(out).find((f) => f.endsWith('.whl')) as string);
}

/** The example built for this machine (manylinux x86_64 here). */
export const hostExampleWheel = (): string => build('host');

/** The example cross-built for aarch64 Linux with zig; null when no aarch64 std is installed. */
export function aarch64ExampleWheel(): string | null {
  return aarch64Rustc() ? build('aarch64') : null;
}

import { existsSync, realpathSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { findExecutable } from '../process/which';
import type { ToolchainContext } from './context';
import { probe } from './probe';
import { installedStdTriples, parseRustcVerbose, rustlibDir } from './rustc-info';

/** One Rust compiler that can build: a rustup toolchain, or a system rustc (Debian's rustc-web, Nix…). */
export interface RustToolchain {
  readonly id: string;
  readonly label: string;
  readonly kind: 'rustup' | 'system';
  readonly rustc: string;
  readonly cargo: string | null;
  readonly release: string;
  readonly host: string;
  readonly sysroot: string;
  readonly stdTargets: readonly string[];
  /** The standard library's sources are there, so `-Z build-std` can build std for any target. */
  readonly hasRustSrc: boolean;
  /** The toolchain a plain `cargo` on PATH runs. */
  readonly isDefault: boolean;
}

const SYSTEM_RUSTC_PLACES = ['/usr/bin/rustc', '/usr/local/bin/rustc', '/nix/var/nix/profiles/default/bin/rustc'];

function rustupHome(env: NodeJS.ProcessEnv): string {
  return env.RUSTUP_HOME ?? join(env.HOME || homedir(), '.rustup');
}

function isRustupProxy(path: string): boolean {
  try {
    return basename(realpathSync(path)).startsWith('rustup');
  } catch {
    return false;
  }
}

async function describe(ctx: ToolchainContext, rustc: string, kind: RustToolchain['kind'], name: string): Promise<Omit<RustToolchain, 'isDefault'> | null> {
  const [verbose, sysrootRun] = await Promise.all([probe(ctx, rustc, ['-vV']), probe(ctx, rustc, ['--print', 'sysroot'])]);
  if (!verbose.ok || !sysrootRun.ok) return null;
  const info = parseRustcVerbose(verbose.stdout);
  const sysroot = sysrootRun.stdout.trim();
  if (!info || !sysroot) return null;
  const cargo = join(dirname(rustc), 'cargo');
  return {
    id: `${kind}:${name}`,
    label: kind === 'rustup' ? `rustup ${name} (rustc ${info.release})` : `system rustc ${info.release} (${rustc})`,
    kind,
    rustc,
    cargo: existsSync(cargo) ? cargo : null,
    release: info.release,
    host: info.host,
    sysroot,
    stdTargets: await installedStdTriples(sysroot),
    hasRustSrc: existsSync(join(rustlibDir(sysroot), 'src', 'rust', 'library', 'std')),
  };
}

async function rustupToolchainNames(ctx: ToolchainContext): Promise<{ names: string[]; defaultName: string | null }> {
  const rustup = findExecutable('rustup', ctx.env);
  if (!rustup) return { names: [], defaultName: null };
  const listed = await probe(ctx, rustup, ['toolchain', 'list']);
  if (!listed.ok) return { names: [], defaultName: null };
  const lines = listed.stdout.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('no installed'));
  const names = lines.map((l) => l.split(/\s+/)[0] as string);
  const active = lines.find((l) => /\((?:[^)]*\b)?(active|default)\b/.test(l));
  return { names, defaultName: active ? (active.split(/\s+/)[0] ?? null) : (names[0] ?? null) };
}

/** Every Rust toolchain on this machine, rustup's and the system's, each with the std targets it has. */
export async function findRustToolchains(ctx: ToolchainContext): Promise<readonly RustToolchain[]> {
  const { names, defaultName } = await rustupToolchainNames(ctx);
  const home = rustupHome(ctx.env);
  const rustupFound = await Promise.all(
    names.map((name) => {
      const rustc = join(home, 'toolchains', name, 'bin', 'rustc');
      return existsSync(rustc) ? describe(ctx, rustc, 'rustup', name) : Promise.resolve(null);
    }),
  );
  const onPath = findExecutable('rustc', ctx.env);
  const systemCandidates = [...new Set([...(onPath && !isRustupProxy(onPath) ? [onPath] : []), ...SYSTEM_RUSTC_PLACES.filter((p) => existsSync(p))])];
  const systemFound = await Promise.all(systemCandidates.map((rustc) => describe(ctx, rustc, 'system', rustc)));
  const pathIsRustup = onPath !== null && isRustupProxy(onPath);
  return [...rustupFound, ...systemFound]
    .filter((t): t is Omit<RustToolchain, 'isDefault'> => t !== null)
    .map((t) => ({
      ...t,
      isDefault: pathIsRustup ? t.id === `rustup:${defaultName}` : t.rustc === onPath,
    }));
}

/** Just the toolchain a plain `rustc` on PATH runs: all a host-only build needs, at a third of the cost. */
export async function findDefaultRustToolchain(ctx: ToolchainContext): Promise<RustToolchain | null> {
  const onPath = findExecutable('rustc', ctx.env);
  if (!onPath) return null;
  const proxy = isRustupProxy(onPath);
  const found = await describe(ctx, onPath, proxy ? 'rustup' : 'system', onPath);
  if (!found) return null;
  const name = proxy ? basename(found.sysroot) : onPath;
  return { ...found, id: `${found.kind}:${name}`, label: proxy ? `rustup ${name} (rustc ${found.release})` : found.label, isDefault: true };
}

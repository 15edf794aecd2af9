import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, delimiter, dirname, join } from 'node:path';
import { findExecutable } from '../process/which';
import type { ToolchainContext } from './context';
import { COMPILER_PROBE, probe } from './probe';
import { installedStdTriples, parseRustcVerbose, rustlibDir } from './rustc-info';

// Every Rust toolchain on the machine, not just the one `rustc` on PATH runs: rustup's toolchains and
// system compilers (Debian's rustc-web ships std for foreign architectures as packages; Nix). The planner
// picks one per target: one with the target's std, or one that can build it (rust-src).

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
  /**
   * rust-objcopy is beside rustc (lib/rustlib/<host>/bin) or on PATH: rustc 1.84 and later strip macOS
   * binaries with it. rustup ships it with rustc; Debian in rust-web-llvm / rust-llvm.
   */
  readonly hasObjcopy: boolean;
  /** The toolchain a plain `cargo` on PATH runs. */
  readonly isDefault: boolean;
  /**
   * A rustup toolchain that is only a link to one elsewhere (`rustup toolchain link`): rustup cannot add
   * targets or components to it.
   */
  readonly linked?: boolean;
}

/** How to get rust-objcopy for a rustc that lacks it (the planner and the log explainer both offer it). */
export const INSTALL_OBJCOPY_FIX = {
  summary: 'Install the LLVM tools that go with this rustc: on Debian `sudo apt-get install rust-web-llvm` for rustc-web, rust-llvm for rustc; rustup toolchains ship it.',
  command: 'sudo apt-get install rust-web-llvm',
} as const;

/** A compiler that was found but did not answer its probes: the doctor names it; nothing builds with it. */
export interface UnusableRustc {
  readonly rustc: string;
  readonly kind: RustToolchain['kind'];
  /** The rustup toolchain name, or the path of a system compiler. */
  readonly name: string;
  readonly reason: string;
}

export interface RustToolchainSurvey {
  readonly usable: readonly RustToolchain[];
  readonly unusable: readonly UnusableRustc[];
}

/** How the doctor and the planner name a compiler that did not answer: `system rustc /usr/bin/rustc`, `rustup toolchain stable-…`. */
export function unusableRustcLabel(found: UnusableRustc): string {
  return found.kind === 'rustup' ? `rustup toolchain ${found.name}` : `system rustc ${found.rustc}`;
}

type Described = { readonly toolchain: Omit<RustToolchain, 'isDefault'> } | { readonly unusable: UnusableRustc };

/** Where system compilers live even when PATH does not name them. */
const SYSTEM_RUSTC_PLACES = ['/usr/bin/rustc', '/usr/local/bin/rustc', '/nix/var/nix/profiles/default/bin/rustc'];

function rustupHome(env: NodeJS.ProcessEnv): string {
  return env.RUSTUP_HOME ?? join(env.HOME || homedir(), '.rustup');
}

function safeRealpath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

function identity(path: string): string {
  try {
    const st = statSync(path);
    return `${st.dev}:${st.ino}`;
  } catch {
    return '';
  }
}

/** rustup's proxies are links to rustup: symbolic (named rustup) or hard (same inode). */
function rustupProxyTest(env: NodeJS.ProcessEnv): (path: string) => boolean {
  const rustups = [findExecutable('rustup', env), join(env.CARGO_HOME || join(env.HOME || homedir(), '.cargo'), 'bin', 'rustup')];
  const inodes = new Set(rustups.filter((p): p is string => p !== null).map(identity).filter(Boolean));
  return (path) => basename(safeRealpath(path)).startsWith('rustup') || inodes.has(identity(path));
}

/** The rustup toolchain name of a toolchain (`stable-x86_64-unknown-linux-gnu`), or null for a system one. */
export function rustupNameOf(toolchain: RustToolchain): string | null {
  return toolchain.kind === 'rustup' ? toolchain.id.slice('rustup:'.length) : null;
}

async function describe(
  ctx: ToolchainContext,
  rustc: string,
  kind: RustToolchain['kind'],
  name: string,
  linked = false,
): Promise<Described> {
  const [verbose, sysrootRun] = await Promise.all([probe(ctx, rustc, ['-vV'], COMPILER_PROBE), probe(ctx, rustc, ['--print', 'sysroot'], COMPILER_PROBE)]);
  const unusable = (reason: string): Described => ({ unusable: { rustc, kind, name, reason } });
  if (!verbose.ok) return unusable(verbose.reason);
  if (!sysrootRun.ok) return unusable(sysrootRun.reason);
  const info = parseRustcVerbose(verbose.stdout);
  const sysroot = sysrootRun.stdout.trim();
  if (!info) return unusable('`rustc -vV` did not say which release and host it is');
  if (!sysroot) return unusable('`rustc --print sysroot` printed nothing');
  const cargo = join(dirname(rustc), basename(rustc).replace(/^rustc/, 'cargo'));
  const label =
    kind === 'rustup'
      ? `rustup ${name} (rustc ${info.release}${linked ? `, linked to ${safeRealpath(sysroot)}` : ''})`
      : `system rustc ${info.release} (${rustc})`;
  const toolchain = {
    id: `${kind}:${name}`,
    label,
    kind,
    rustc,
    cargo: existsSync(cargo) ? cargo : null,
    release: info.release,
    host: info.host,
    sysroot,
    stdTargets: await installedStdTriples(sysroot),
    hasRustSrc: existsSync(join(rustlibDir(sysroot), 'src', 'rust', 'library', 'std')),
    hasObjcopy: existsSync(join(rustlibDir(sysroot), info.host, 'bin', 'rust-objcopy')) || findExecutable('rust-objcopy', ctx.env) !== null,
    ...(linked ? { linked } : {}),
  };
  return { toolchain };
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

/** Compilers that are not rustup's proxies: every rustc on PATH (not just the first), the usual system places, Nix's profile, Debian's versioned rustc-1.NN. */
function systemRustcs(ctx: ToolchainContext): readonly string[] {
  const isProxy = rustupProxyTest(ctx.env);
  const onPath = (ctx.env.PATH ?? '').split(delimiter).filter(Boolean).map((dir) => join(dir, 'rustc'));
  const places = ctx.system?.rustcPlaces ?? [...SYSTEM_RUSTC_PLACES, join(ctx.env.HOME || homedir(), '.nix-profile', 'bin', 'rustc'), ...debianVersionedRustcs()];
  const seen = new Set<string>();
  return [...onPath, ...places].filter((path) => {
    if (findExecutable(path, ctx.env) === null || isProxy(path)) return false;
    const real = safeRealpath(path);
    if (seen.has(real)) return false;
    seen.add(real);
    return true;
  });
}

function debianVersionedRustcs(): readonly string[] {
  try {
    return readdirSync('/usr/bin')
      .filter((name) => /^rustc-1\.\d+$/.test(name))
      .map((name) => join('/usr/bin', name));
  } catch {
    return [];
  }
}

/**
 * Every Rust toolchain on this machine, rustup's and the system's, each with the std targets it has;
 * and the compilers that were found but did not answer (with why).
 */
export async function surveyRustToolchains(ctx: ToolchainContext): Promise<RustToolchainSurvey> {
  const home = rustupHome(ctx.env);
  const toolchainsDir = safeRealpath(join(home, 'toolchains'));
  const onPath = findExecutable('rustc', ctx.env);
  const [{ names, defaultName }, active] = await Promise.all([
    rustupToolchainNames(ctx),
    onPath ? probe(ctx, onPath, ['--print', 'sysroot'], COMPILER_PROBE) : Promise.resolve(null),
  ]);
  const rustupFound = await Promise.all(
    names.map((name) => {
      const dir = join(home, 'toolchains', name);
      const rustc = join(dir, 'bin', 'rustc');
      return existsSync(rustc) ? describe(ctx, rustc, 'rustup', name, dirname(safeRealpath(dir)) !== toolchainsDir) : Promise.resolve(null);
    }),
  );
  const systemFound = await Promise.all(systemRustcs(ctx).map((rustc) => describe(ctx, rustc, 'system', rustc)));
  const described = [...rustupFound, ...systemFound].filter((d): d is Described => d !== null);
  // The toolchain `rustc` on PATH runs, by its sysroot: rustup's proxies honour RUSTUP_TOOLCHAIN and
  // rust-toolchain.toml overrides, so its sysroot says more than rustup's default does.
  const activeSysroot = active?.ok ? safeRealpath(active.stdout.trim()) : null;
  const seen = new Set<string>();
  const usable = described
    .flatMap((d) => ('toolchain' in d ? [d.toolchain] : []))
    .filter((t) => {
      // `1.95.0-…` may be a link to `stable-…`: one toolchain, listed once.
      const key = safeRealpath(t.sysroot);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .map((t) => ({
      ...t,
      isDefault: activeSysroot !== null ? safeRealpath(t.sysroot) === activeSysroot : t.id === `rustup:${defaultName}`,
    }));
  return { usable, unusable: described.flatMap((d) => ('unusable' in d ? [d.unusable] : [])) };
}

/** Just the toolchain a plain `rustc` on PATH runs: all a host-only build needs, at a third of the cost. */
export async function findDefaultRustToolchain(ctx: ToolchainContext): Promise<RustToolchain | null> {
  const onPath = findExecutable('rustc', ctx.env);
  if (!onPath) return null;
  const proxy = rustupProxyTest(ctx.env)(onPath);
  const described = await describe(ctx, onPath, proxy ? 'rustup' : 'system', onPath);
  if (!('toolchain' in described)) return null;
  const found = described.toolchain;
  const name = proxy ? basename(found.sysroot) : onPath;
  return { ...found, id: `${found.kind}:${name}`, label: proxy ? `rustup ${name} (rustc ${found.release})` : found.label, isDefault: true };
}

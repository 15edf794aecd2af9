import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, delimiter, dirname, join } from 'node:path';
import { findExecutable } from '../process/which';
import type { ToolchainContext } from './context';
import { probe } from './probe';
import { safeRealpath } from './python-discovery';
import { installedStdTriples, parseRustcVerbose, rustlibDir, type RustcProbe } from './rustc-info';

// Every Rust toolchain on the machine, not just the one `rustc` on PATH runs: rustup's toolchains, a
// distribution's rustc (Debian's rustc-web ships std for foreign architectures as packages), Nix. The
// planner picks one per target: the one that has the target's std, or one that can build it (rust-src).

export type ToolchainKind = 'rustup' | 'debian' | 'nix' | 'system';

export interface RustToolchain {
  /** How to name it: `rustup stable-x86_64-unknown-linux-gnu`, `Debian rustc at /usr/bin/rustc`. */
  readonly label: string;
  readonly kind: ToolchainKind;
  /** The rustup toolchain name, usable as `cargo +name`; null for toolchains rustup does not know. */
  readonly rustupName: string | null;
  /**
   * A rustup toolchain that is only a link to a toolchain elsewhere (`rustup toolchain link`): rustup cannot
   * add targets or components to it.
   */
  readonly linked: boolean;
  readonly rustc: string;
  /** The cargo that belongs to this rustc, when there is one. */
  readonly cargo: string | null;
  readonly banner: string;
  readonly release: string;
  readonly host: string;
  readonly nightly: boolean;
  readonly sysroot: string;
  /** Target triples whose std is installed. */
  readonly std: readonly string[];
  /** rust-src is there, so `-Z build-std` can build std for other targets. */
  readonly rustSrc: boolean;
  /** The toolchain `rustc` on PATH runs. */
  readonly active: boolean;
}

export interface BrokenRustc {
  readonly rustc: string;
  readonly problem: string;
}

export interface RustToolchains {
  readonly toolchains: readonly RustToolchain[];
  readonly broken: readonly BrokenRustc[];
  readonly rustupHome: string;
  /** rustup's default toolchain from its settings, when rustup is set up. */
  readonly rustupDefault: string | null;
}

export async function discoverRustToolchains(ctx: ToolchainContext, active: Promise<RustcProbe>): Promise<RustToolchains> {
  const home = ctx.env.HOME || homedir();
  const rustupHome = ctx.env.RUSTUP_HOME || join(home, '.rustup');
  const rustupDirs = rustupToolchainDirs(rustupHome);
  const others = otherRustcs(ctx.env, home);
  const [rustupFound, otherFound, activeRustc] = await Promise.all([
    Promise.all(rustupDirs.map((dir) => probeRustupToolchain(ctx, dir))),
    Promise.all(others.map((rustc) => probeSystemRustc(ctx, rustc))),
    active,
  ]);
  const activeSysroot = activeRustc.found && activeRustc.sysroot ? safeRealpath(activeRustc.sysroot) : null;
  const all = [...rustupFound, ...otherFound];
  const seen = new Set<string>();
  const toolchains: RustToolchain[] = [];
  const broken: BrokenRustc[] = [];
  for (const found of all) {
    if ('problem' in found) {
      broken.push(found);
      continue;
    }
    const key = safeRealpath(found.sysroot);
    if (seen.has(key)) continue;
    seen.add(key);
    toolchains.push({ ...found, active: key === activeSysroot });
  }
  return { toolchains, broken, rustupHome, rustupDefault: rustupDefault(rustupHome) };
}

/** rustup's toolchain dirs, one per real directory (`1.95.0-…` may be a link to `stable-…`). */
function rustupToolchainDirs(rustupHome: string): readonly { name: string; dir: string; linked: boolean }[] {
  let names: string[];
  try {
    names = readdirSync(join(rustupHome, 'toolchains')).sort();
  } catch {
    return [];
  }
  const toolchainsDir = safeRealpath(join(rustupHome, 'toolchains'));
  const byReal = new Map<string, { name: string; dir: string; linked: boolean }>();
  for (const name of names) {
    const dir = join(rustupHome, 'toolchains', name);
    const real = safeRealpath(dir);
    const known = byReal.get(real);
    // Prefer the name of the real directory over a link's name.
    if (!known || real === join(toolchainsDir, name)) byReal.set(real, { name, dir, linked: dirname(real) !== toolchainsDir });
  }
  return [...byReal.values()].filter(({ dir }) => existsSync(join(dir, 'bin', exe('rustc'))));
}

function rustupDefault(rustupHome: string): string | null {
  try {
    const text = readFileSync(join(rustupHome, 'settings.toml'), 'utf8');
    return /^\s*default_toolchain\s*=\s*"([^"]+)"/m.exec(text)?.[1] ?? null;
  } catch {
    return null;
  }
}

/** rustc executables that are not rustup proxies: every one on PATH (not just the first) and Nix's profile. */
function otherRustcs(env: NodeJS.ProcessEnv, home: string): readonly string[] {
  const onPath = (env.PATH ?? '')
    .split(delimiter)
    .filter(Boolean)
    .flatMap((dir) => [join(dir, exe('rustc')), ...debianVersionedRustcs(dir)]);
  const places = [...onPath, join(home, '.nix-profile', 'bin', 'rustc')];
  const proxies = rustupProxyIdentities(env, home);
  const seen = new Set<string>();
  return places.filter((path) => {
    if (findExecutable(path, env) === null) return false;
    const real = safeRealpath(path);
    if (seen.has(real) || proxies.has(identity(path))) return false;
    seen.add(real);
    return true;
  });
}

/** Debian's versioned compilers: `rustc-1.85` from the rustc-1.85 package. */
function debianVersionedRustcs(dir: string): readonly string[] {
  if (dir !== '/usr/bin') return [];
  try {
    return readdirSync(dir)
      .filter((name) => /^rustc-1\.\d+$/.test(name))
      .map((name) => join(dir, name));
  } catch {
    return [];
  }
}

/** rustup installs its proxies as hard links of itself: same device and inode as `rustup`. */
function rustupProxyIdentities(env: NodeJS.ProcessEnv, home: string): ReadonlySet<string> {
  const rustups = [findExecutable('rustup', env), join(env.CARGO_HOME || join(home, '.cargo'), 'bin', exe('rustup'))];
  return new Set(rustups.filter((path): path is string => path !== null).map(identity).filter((id) => id !== ''));
}

function identity(path: string): string {
  try {
    const st = statSync(path);
    return `${st.dev}:${st.ino}`;
  } catch {
    return '';
  }
}

type Probed = Omit<RustToolchain, 'active'> | BrokenRustc;

async function probeRustupToolchain(ctx: ToolchainContext, toolchain: { name: string; dir: string; linked: boolean }): Promise<Probed> {
  const rustc = join(toolchain.dir, 'bin', exe('rustc'));
  const cargo = join(toolchain.dir, 'bin', exe('cargo'));
  return describeToolchain(ctx, rustc, safeRealpath(toolchain.dir), {
    label: toolchain.linked ? `rustup ${toolchain.name} (linked to ${safeRealpath(toolchain.dir)})` : `rustup ${toolchain.name}`,
    kind: 'rustup',
    rustupName: toolchain.name,
    linked: toolchain.linked,
    cargo: existsSync(cargo) ? cargo : null,
  });
}

async function probeSystemRustc(ctx: ToolchainContext, rustc: string): Promise<Probed> {
  const run = await probe(ctx, rustc, ['--print', 'sysroot']);
  if (!run.ok) return { rustc, problem: run.reason };
  const sysroot = run.stdout.trim();
  const real = safeRealpath(rustc);
  const kind: ToolchainKind = real.startsWith('/nix/store/') ? 'nix' : isDebian() && rustc.startsWith('/usr/bin/') ? 'debian' : 'system';
  const cargo = findExecutable(join(dirname(rustc), basename(rustc).replace(/^rustc/, 'cargo')), ctx.env);
  const what = kind === 'debian' ? 'Debian rustc' : kind === 'nix' ? 'Nix rustc' : 'rustc';
  return describeToolchain(ctx, rustc, sysroot, { label: `${what} at ${rustc}`, kind, rustupName: null, linked: false, cargo });
}

async function describeToolchain(
  ctx: ToolchainContext,
  rustc: string,
  sysroot: string,
  about: Pick<RustToolchain, 'label' | 'kind' | 'rustupName' | 'linked' | 'cargo'>,
): Promise<Probed> {
  const [run, std] = await Promise.all([probe(ctx, rustc, ['-vV']), installedStdTriples(sysroot)]);
  if (!run.ok) return { rustc, problem: run.reason };
  const info = parseRustcVerbose(run.stdout);
  if (info === null) return { rustc, problem: '`rustc -vV` printed no release or host' };
  return {
    ...about,
    rustc,
    banner: info.banner,
    release: info.release,
    host: info.host,
    nightly: /-nightly|-dev/.test(info.release),
    sysroot,
    std,
    rustSrc: existsSync(join(rustlibDir(sysroot), 'src', 'rust', 'library', 'std')),
  };
}

let debian: boolean | null = null;
function isDebian(): boolean {
  debian ??= existsSync('/etc/debian_version');
  return debian;
}

function exe(name: string): string {
  return process.platform === 'win32' ? `${name}.exe` : name;
}


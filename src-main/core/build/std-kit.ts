import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { copyFile, mkdir, readdir, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import type { EnvDelta, ToolCommand } from '../process/spawn';
import type { RustToolchain } from '../toolchain/rust-toolchains';
import { cargoTargetVariable } from './toolchain-env';

// A target without a prebuilt standard library (rustup cannot download one here) gets std built
// from source. Built inside every project's build (-Z build-std), that costs about a minute per
// target on every cold build; built once per toolchain into a small sysroot of its own and passed
// to rustc with --sysroot, it is as reusable as a std rustup installs.

/** Bumped when what a kit holds or how it is built changes, so older kits are not used. */
const RECIPE = 1;

/** Identifies the compiler a kit's rlibs were made by: rustc refuses rlibs of any other build. */
function compilerIdentity(toolchain: RustToolchain): string {
  let stamp = '';
  try {
    const stat = statSync(toolchain.rustc);
    stamp = `${stat.size}:${stat.mtimeMs}`;
  } catch {
    // the planner found it moments ago; the release still tells versions apart
  }
  return [RECIPE, toolchain.rustc, toolchain.release, toolchain.host, toolchain.sysroot, stamp].join('\n');
}

/** Where the kit for this toolchain and target lives: `<dataDir>/std/<triple>-<hash>`. */
export function stdKitDir(dataDir: string, toolchain: RustToolchain, triple: string): string {
  const key = createHash('sha256').update(compilerIdentity(toolchain)).update(triple).digest('hex').slice(0, 16);
  return join(dataDir, 'std', `${triple}-${key}`);
}

const MANIFEST = 'kit.json';

/** A kit is whole once its manifest is there: the manifest is written before the kit is moved into place. */
export function isStdKitReady(kitDir: string): boolean {
  return existsSync(join(kitDir, MANIFEST));
}

/** A scratch crate that depends only on std: building it with -Z build-std builds std. */
const SCRATCH_MANIFEST = `[package]
name = "wheelbench-std-kit"
version = "0.0.0"
edition = "2021"
publish = false

[lib]
path = "lib.rs"

[profile.release]
opt-level = 3
debug = 0
incremental = false
lto = false
`;

export interface StdKitWork {
  /** Scratch space for one attempt, removed afterwards. */
  readonly workDir: string;
  readonly kitDir: string;
  readonly command: ToolCommand;
}

/**
 * The cargo build that makes a kit's rlibs. Release-optimised like a rustup std, with bitcode
 * embedded so projects using fat or thin LTO can still use it; the user's own rustflags and profile
 * overrides are left out, since the kit is shared by every project.
 */
export async function prepareStdKitWork(input: {
  readonly dataDir: string;
  readonly toolchain: RustToolchain;
  readonly triple: string;
  /** The toolchain's own environment for cargo (PATH shim or RUSTUP_TOOLCHAIN, RUSTC_BOOTSTRAP). */
  readonly toolchainEnv: Readonly<Record<string, string>>;
  readonly baseEnv: NodeJS.ProcessEnv;
  readonly jobs: number | undefined;
}): Promise<StdKitWork> {
  const kitDir = stdKitDir(input.dataDir, input.toolchain, input.triple);
  const workDir = join(dirname(kitDir), `.building-${input.triple}-${randomUUID()}`);
  const crateDir = join(workDir, 'crate');
  await mkdir(crateDir, { recursive: true });
  await writeFile(join(crateDir, 'Cargo.toml'), SCRATCH_MANIFEST);
  await writeFile(join(crateDir, 'lib.rs'), '#![no_std]\n');
  const envDelta: Record<string, string | undefined> = {};
  for (const key of Object.keys(input.baseEnv)) {
    if (/^CARGO_(PROFILE|BUILD|TARGET)_/.test(key) || key === 'RUSTFLAGS' || key === 'CARGO_INCREMENTAL') envDelta[key] = undefined;
  }
  Object.assign(envDelta, input.toolchainEnv, {
    RUSTC_BOOTSTRAP: '1',
    CARGO_ENCODED_RUSTFLAGS: '-Cembed-bitcode=yes',
    CARGO_TARGET_DIR: join(workDir, 'target'),
    CARGO_TERM_COLOR: 'always',
    CARGO_TERM_PROGRESS_WHEN: 'always',
    CARGO_TERM_PROGRESS_WIDTH: '100',
  });
  const args = ['build', '--release', '--target', input.triple, '-Zbuild-std=std,panic_abort', '--manifest-path', join(crateDir, 'Cargo.toml')];
  if (input.jobs !== undefined) args.push('--jobs', String(input.jobs));
  const cargo = input.toolchain.kind === 'system' ? join(dirname(input.toolchain.rustc), 'cargo') : 'cargo';
  return { workDir, kitDir, command: { file: cargo, args, cwd: crateDir, envDelta: envDelta as EnvDelta, baseEnv: input.baseEnv } };
}

/**
 * Turns a finished kit build into a sysroot: the target's rlibs, the host's own libraries linked in
 * (rustc finds proc-macro dependencies and its linker helpers there), and the manifest; then moves it
 * into place in one rename. Another build that finished the same kit first wins; its kit is as good.
 */
export async function installStdKit(work: StdKitWork, toolchain: RustToolchain, triple: string, durationMs: number): Promise<void> {
  const built = join(work.workDir, 'target', triple, 'release', 'deps');
  const staged = join(work.workDir, 'kit');
  const libDir = join(staged, 'lib', 'rustlib', triple, 'lib');
  await mkdir(libDir, { recursive: true });
  const rlibs = (await readdir(built)).filter((f) => f.endsWith('.rlib') && !f.startsWith('libwheelbench_std_kit-'));
  if (!rlibs.some((f) => f.startsWith('libstd-'))) throw new Error(`the std build left no libstd rlib in ${built}`);
  await Promise.all(rlibs.map((f) => copyFile(join(built, f), join(libDir, f))));
  await symlink(join(toolchain.sysroot, 'lib', 'rustlib', toolchain.host), join(staged, 'lib', 'rustlib', toolchain.host));
  const manifest = { recipe: RECIPE, triple, rustc: toolchain.rustc, release: toolchain.release, host: toolchain.host, rlibs: rlibs.length, buildMs: Math.round(durationMs), builtAt: new Date().toISOString() };
  await writeFile(join(staged, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  try {
    await rename(staged, work.kitDir);
  } catch (e) {
    if (!isStdKitReady(work.kitDir)) throw e;
  }
  await removeSupersededKits(work.kitDir, toolchain, triple);
}

/** Kits this compiler made before it was updated (same rustc, same target, another build of it) can never be used again: about 100 MB each. */
async function removeSupersededKits(current: string, toolchain: RustToolchain, triple: string): Promise<void> {
  const dir = dirname(current);
  for (const name of await readdir(dir)) {
    const kit = join(dir, name);
    if (kit === current || !name.startsWith(`${triple}-`)) continue;
    try {
      const manifest = JSON.parse(readFileSync(join(kit, MANIFEST), 'utf8')) as { rustc?: string; triple?: string };
      if (manifest.rustc === toolchain.rustc && manifest.triple === triple) await rm(kit, { recursive: true, force: true });
    } catch {
      // not a kit of ours, or one still being written: left alone
    }
  }
}

export async function discardStdKitWork(work: StdKitWork): Promise<void> {
  await rm(work.workDir, { recursive: true, force: true });
}

/** Does a cargo config the build reads set rustflags? Ours, set as target rustflags, would replace its `build.rustflags`. */
function cargoConfigSetsRustflags(projectRoot: string, env: NodeJS.ProcessEnv): string | null {
  const dirs: string[] = [];
  for (let dir = projectRoot; ; dir = dirname(dir)) {
    dirs.push(join(dir, '.cargo'));
    if (dirname(dir) === dir) break;
  }
  dirs.push(env.CARGO_HOME || join(env.HOME || homedir(), '.cargo'));
  for (const dir of dirs) {
    for (const name of ['config.toml', 'config']) {
      const file = join(dir, name);
      try {
        if (/rustflags/.test(readFileSync(file, 'utf8'))) return file;
      } catch {
        // no such file
      }
    }
  }
  return null;
}

/**
 * The environment that points rustc at a kit for the target's own crates only (host crates keep the
 * toolchain's sysroot), added to whichever rustflags source cargo would read; or why it cannot be
 * added safely, and the build then builds std itself.
 */
export function stdKitFlags(kitDir: string, triple: string, projectRoot: string, env: NodeJS.ProcessEnv): { env: Record<string, string> } | { unusable: string } {
  const flag = `--sysroot=${kitDir}`;
  if (env.CARGO_ENCODED_RUSTFLAGS !== undefined) return { env: { CARGO_ENCODED_RUSTFLAGS: [env.CARGO_ENCODED_RUSTFLAGS, flag].filter(Boolean).join('\x1f') } };
  if (/\s/.test(kitDir)) return { unusable: `its path has a space, which cargo's rustflags cannot carry (${kitDir})` };
  if (env.RUSTFLAGS !== undefined) return { env: { RUSTFLAGS: `${env.RUSTFLAGS} ${flag}`.trim() } };
  const config = cargoConfigSetsRustflags(projectRoot, env);
  if (config) return { unusable: `${config} sets rustflags, which target rustflags would replace` };
  const key = cargoTargetVariable(triple, 'RUSTFLAGS');
  return { env: { [key]: `${env[key] ?? ''} ${flag}`.trim() } };
}

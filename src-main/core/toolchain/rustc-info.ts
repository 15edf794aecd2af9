import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { findExecutable } from '../process/which';
import type { ToolchainContext } from './context';
import { COMPILER_PROBE, firstLine, probe } from './probe';

export interface RustcVerbose {
  /** The first line, e.g. `rustc 1.95.0 (59807616e 2026-04-14)`. */
  readonly banner: string;
  readonly release: string;
  readonly host: string;
}

/** Reads `rustc -vV`; null when the text lacks a release or host line. */
export function parseRustcVerbose(text: string): RustcVerbose | null {
  const field = (name: string) => new RegExp(`^${name}:\\s*(\\S+)\\s*$`, 'm').exec(text)?.[1] ?? null;
  const release = field('release');
  const host = field('host');
  if (release === null || host === null) return null;
  return { banner: firstLine(text), release, host };
}

export function rustlibDir(sysroot: string): string {
  return join(sysroot, 'lib', 'rustlib');
}

/** Triples under `<sysroot>/lib/rustlib` whose `lib` dir holds a `libstd-*.rlib`, sorted. */
export async function installedStdTriples(sysroot: string): Promise<readonly string[]> {
  const root = rustlibDir(sysroot);
  const entries = await readdir(root, { withFileTypes: true }).catch(() => []);
  const withStd = await Promise.all(
    entries
      .filter((entry) => entry.isDirectory())
      .map(async (entry) => ((await hasStdRlib(join(root, entry.name, 'lib'))) ? entry.name : null)),
  );
  return withStd.filter((triple): triple is string => triple !== null).sort();
}

async function hasStdRlib(libDir: string): Promise<boolean> {
  const files = await readdir(libDir).catch(() => [] as string[]);
  return files.some((name) => name.startsWith('libstd-') && name.endsWith('.rlib'));
}

export type RustcProbe =
  | { readonly found: false; readonly path: string | null; readonly reason: string }
  | {
      readonly found: true;
      readonly path: string;
      readonly info: RustcVerbose;
      readonly sysroot: string | null;
      /** Why the sysroot is unknown, when it is. */
      readonly sysrootProblem: string | null;
      readonly installedStd: readonly string[];
    };

export async function probeRustc(ctx: ToolchainContext): Promise<RustcProbe> {
  const path = findExecutable('rustc', ctx.env);
  if (path === null) return { found: false, path: null, reason: 'rustc is not on PATH' };
  const [verbose, sysrootRun] = await Promise.all([
    probe(ctx, path, ['-vV'], COMPILER_PROBE),
    probe(ctx, path, ['--print', 'sysroot'], COMPILER_PROBE),
  ]);
  if (!verbose.ok) return { found: false, path, reason: `rustc at ${path} ${verbose.reason}` };
  const info = parseRustcVerbose(verbose.stdout);
  if (info === null) {
    return { found: false, path, reason: `rustc at ${path} printed no release/host in \`rustc -vV\`: ${firstLine(verbose.stdout)}` };
  }
  const sysroot = sysrootRun.ok ? firstLine(sysrootRun.stdout) || null : null;
  const sysrootProblem = sysrootRun.ok
    ? sysroot === null ? '`rustc --print sysroot` printed nothing' : null
    : sysrootRun.reason;
  const installedStd = sysroot === null ? [] : await installedStdTriples(sysroot);
  return { found: true, path, info, sysroot, sysrootProblem, installedStd };
}

export async function rustcTargetList(ctx: ToolchainContext, rustcPath: string): Promise<ReadonlySet<string> | null> {
  const run = await probe(ctx, rustcPath, ['--print', 'target-list']);
  if (!run.ok) return null;
  return new Set(run.stdout.split(/\r?\n/).map((line) => line.trim()).filter(Boolean));
}

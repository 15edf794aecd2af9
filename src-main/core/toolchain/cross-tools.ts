import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findExecutable } from '../process/which';
import type { ToolchainContext } from './context';
import { firstLine, probe } from './probe';

// The pieces a cross build can use instead of zig (a target gcc as linker, lld), and the ones that run
// foreign code afterwards (qemu-user). Only names and versions: which target needs which is the planner's.

export interface FoundTool {
  readonly name: string;
  readonly path: string;
  readonly version: string | null;
}

/** gcc cross compilers by the target triple they link for. */
export const CROSS_GCC: Readonly<Record<string, readonly string[]>> = {
  'aarch64-unknown-linux-gnu': ['aarch64-linux-gnu-gcc'],
  'armv7-unknown-linux-gnueabihf': ['arm-linux-gnueabihf-gcc'],
  'x86_64-unknown-linux-gnu': ['x86_64-linux-gnu-gcc'],
  'i686-unknown-linux-gnu': ['i686-linux-gnu-gcc'],
  'powerpc64le-unknown-linux-gnu': ['powerpc64le-linux-gnu-gcc'],
  's390x-unknown-linux-gnu': ['s390x-linux-gnu-gcc'],
  'riscv64gc-unknown-linux-gnu': ['riscv64-linux-gnu-gcc'],
  'x86_64-unknown-linux-musl': ['x86_64-linux-musl-gcc', 'musl-gcc'],
  'aarch64-unknown-linux-musl': ['aarch64-linux-musl-gcc'],
  'x86_64-pc-windows-gnu': ['x86_64-w64-mingw32-gcc'],
  'i686-pc-windows-gnu': ['i686-w64-mingw32-gcc'],
};

const OTHER_LINKERS = ['ld.lld', 'lld', 'clang'];

/** Every cross gcc and lld/clang on PATH, with `-dumpversion`/`--version`. */
export async function findLinkers(ctx: ToolchainContext): Promise<readonly FoundTool[]> {
  const names = [...new Set([...Object.values(CROSS_GCC).flat(), ...OTHER_LINKERS])];
  const found = names.flatMap((name) => {
    const path = findExecutable(name, ctx.env);
    return path ? [{ name, path }] : [];
  });
  return Promise.all(
    found.map(async (tool) => {
      const gcc = tool.name.endsWith('gcc');
      const run = await probe(ctx, tool.path, gcc ? ['-dumpversion'] : ['--version']);
      return { ...tool, version: run.ok ? versionWord(firstLine(run.stdout)) : null };
    }),
  );
}

function versionWord(line: string): string | null {
  return /\d+(\.\d+)+/.exec(line)?.[0] ?? (line || null);
}

/** qemu-user's architecture names by the Rust arch they emulate. */
export const QEMU_ARCH: Readonly<Record<string, string>> = {
  aarch64: 'aarch64',
  armv7: 'arm',
  arm: 'arm',
  i686: 'i386',
  x86_64: 'x86_64',
  powerpc64le: 'ppc64le',
  s390x: 's390x',
  riscv64gc: 'riscv64',
};

export interface QemuArch {
  readonly arch: string;
  readonly path: string;
  /** The kernel runs this arch's binaries through qemu by itself (binfmt_misc). */
  readonly binfmt: boolean;
}

export function findQemu(ctx: ToolchainContext): readonly QemuArch[] {
  const binfmtDir = ctx.system?.binfmtDir ?? '/proc/sys/fs/binfmt_misc';
  return [...new Set(Object.values(QEMU_ARCH))].flatMap((arch) => {
    const path = findExecutable(`qemu-${arch}`, ctx.env) ?? findExecutable(`qemu-${arch}-static`, ctx.env);
    if (!path) return [];
    return [{ arch, path, binfmt: binfmtEnabled(join(binfmtDir, `qemu-${arch}`)) }];
  });
}

function binfmtEnabled(entry: string): boolean {
  try {
    return readFileSync(entry, 'utf8').startsWith('enabled');
  } catch {
    return false;
  }
}

export type DockerFacts =
  | { readonly installed: false }
  | { readonly installed: true; readonly path: string; readonly engine: string | null; readonly problem: string | null };

/** Informative only: Wheelbench never needs Docker, but users ask whether theirs works. */
export async function dockerFacts(ctx: ToolchainContext): Promise<DockerFacts> {
  const path = findExecutable('docker', ctx.env) ?? findExecutable('podman', ctx.env);
  if (!path) return { installed: false };
  // Asked every time: the engine may have started or stopped since, with nothing on disk to show it.
  const run = await probe(ctx, path, ['version', '--format', '{{.Server.Version}}'], { timeoutMs: 1500, uncached: true });
  if (run.ok) return { installed: true, path, engine: firstLine(run.stdout) || null, problem: null };
  return { installed: true, path, engine: null, problem: run.said || run.reason };
}

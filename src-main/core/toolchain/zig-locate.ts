import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { findExecutable } from '../process/which';
import type { ToolchainContext } from './context';
import { managedPython, managedVenvDir } from './managed-paths';
import { COMPILER_PROBE, probe } from './probe';
import { pythonsBeside } from './python-discovery';
import { sitePackages } from './pypi-tools';
import { behindShim } from '../process/pyenv-shims';
import type { BrokenCopy, ResolvedTool, ResolvedZig } from './tool-types';
import { formatVersion, parseVersion } from './versions';

export interface ZigSearch {
  readonly chosen: ResolvedZig | null;
  /** A system zig on PATH that did not answer `zig version`. */
  readonly brokenSystemZig: BrokenCopy | null;
  /** Interpreters asked for the ziglang package, in order. */
  readonly pythonsAsked: readonly string[];
}

/**
 * System zig on PATH first; otherwise the `ziglang` package of the python beside maturin, then python3 on
 * PATH, then the managed venv's python. All are asked at once so a slow one does not delay the others.
 */
export async function locateZig(ctx: ToolchainContext, maturin: ResolvedTool | null): Promise<ZigSearch> {
  const systemZig = findExecutable('zig', ctx.env);
  const pythonsAsked = ziglangPythons(ctx, maturin);
  const [systemOutcome, ...ziglangOutcomes] = await Promise.all([
    systemZig === null ? null : probe(ctx, systemZig, ['version'], COMPILER_PROBE),
    // Installing ziglang changes the interpreter's site-packages, not the interpreter: the cached answer depends on both.
    ...pythonsAsked.map((python) => probe(ctx, python, ['-m', 'ziglang', 'version'], { ...COMPILER_PROBE, dependsOn: sitePackagesOf(python, ctx.env) })),
  ]);
  if (systemZig !== null && systemOutcome?.ok) {
    const chosen = { kind: 'system', path: systemZig, version: versionIn(systemOutcome.stdout), source: 'path' } as const;
    return { chosen, brokenSystemZig: null, pythonsAsked };
  }
  const brokenSystemZig =
    systemZig !== null && systemOutcome && !systemOutcome.ok
      ? { path: systemZig, source: 'path', problem: systemOutcome.reason, timedOut: systemOutcome.timedOut } as const
      : null;
  for (const [index, python] of pythonsAsked.entries()) {
    const outcome = ziglangOutcomes[index];
    if (!outcome?.ok) continue;
    const source = python.startsWith(managedVenvDir(ctx.dataDir)) ? 'managed' : 'path';
    return { chosen: { kind: 'ziglang', python, version: versionIn(outcome.stdout), source }, brokenSystemZig, pythonsAsked };
  }
  return { chosen: null, brokenSystemZig, pythonsAsked };
}

/** What is wrong with a zig on PATH that did not answer, in a sentence; null when there is none. */
export function brokenZigNote(search: Pick<ZigSearch, 'brokenSystemZig'>): string | null {
  return search.brokenSystemZig ? `The zig on PATH at ${search.brokenSystemZig.path} does not work: ${search.brokenSystemZig.problem}.` : null;
}

function sitePackagesOf(python: string, env: NodeJS.ProcessEnv): readonly string[] {
  return sitePackages(dirname(dirname(behindShim(python, env))));
}

function versionIn(text: string): string | null {
  const version = parseVersion(text);
  return version ? formatVersion(version) : null;
}

function ziglangPythons(ctx: ToolchainContext, maturin: ResolvedTool | null): readonly string[] {
  const candidates = [
    ...(maturin ? pythonsBeside(maturin.path, ctx.env) : []),
    findExecutable('python3', ctx.env),
    existsSync(managedPython(ctx.dataDir)) ? managedPython(ctx.dataDir) : null,
  ];
  return [...new Set(candidates.filter((path): path is string => path !== null))];
}

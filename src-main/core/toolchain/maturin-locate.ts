import { existsSync } from 'node:fs';
import { findExecutable } from '../process/which';
import type { ToolchainContext } from './context';
import { managedExecutable } from './managed-paths';
import { maturinProblems } from './maturin-versions';
import { probe } from './probe';
import type { BrokenCopy, ResolvedTool } from './tool-types';
import { formatVersion, parseVersion } from './versions';

export interface MaturinSearch {
  readonly chosen: ResolvedTool | null;
  /** Copies found before (or instead of) the chosen one that did not work. */
  readonly broken: readonly BrokenCopy[];
  /** A working copy on PATH passed over for the managed one because its version has known problems. */
  readonly passedOver: ResolvedTool | null;
}

interface Candidate {
  readonly path: string;
  readonly source: 'path' | 'managed';
}

/**
 * PATH first, then Wheelbench's managed venv; the first copy that answers `--version` wins, except that a
 * PATH copy with known problems gives way to a managed copy without them (installed as the doctor's fix).
 */
export async function locateMaturin(ctx: ToolchainContext): Promise<MaturinSearch> {
  const candidates = maturinCandidates(ctx);
  const outcomes = await Promise.all(candidates.map((candidate) => probe(ctx, candidate.path, ['--version'])));
  const broken: BrokenCopy[] = [];
  const working: ResolvedTool[] = [];
  for (const [index, candidate] of candidates.entries()) {
    const outcome = outcomes[index];
    if (outcome === undefined) continue;
    if (outcome.ok) {
      const version = parseVersion(outcome.stdout);
      working.push({ ...candidate, version: version ? formatVersion(version) : null });
    } else if (working.length === 0) {
      broken.push({ ...candidate, problem: outcome.reason, timedOut: outcome.timedOut });
    }
  }
  const [first, second] = working;
  if (first && second && maturinProblems(first.version).length > 0 && maturinProblems(second.version).length === 0) {
    return { chosen: second, broken, passedOver: first };
  }
  return { chosen: first ?? null, broken, passedOver: null };
}

function maturinCandidates(ctx: ToolchainContext): readonly Candidate[] {
  const candidates: Candidate[] = [];
  const onPath = findExecutable('maturin', ctx.env);
  if (onPath !== null) candidates.push({ path: onPath, source: 'path' });
  const managed = managedExecutable(ctx.dataDir, 'maturin');
  if (managed !== onPath && existsSync(managed)) candidates.push({ path: managed, source: 'managed' });
  return candidates;
}

import { existsSync } from 'node:fs';
import { findExecutable } from '../process/which';
import type { ToolchainContext } from './context';
import { managedExecutable } from './managed-paths';
import { probe } from './probe';
import type { BrokenCopy, ResolvedTool } from './tool-types';
import { formatVersion, parseVersion } from './versions';

export interface MaturinSearch {
  readonly chosen: ResolvedTool | null;
  /** Copies found before (or instead of) the chosen one that did not work. */
  readonly broken: readonly BrokenCopy[];
}

interface Candidate {
  readonly path: string;
  readonly source: 'path' | 'managed';
}

/** PATH first, then Wheelbench's managed venv; the first copy that answers `--version` wins. */
export async function locateMaturin(ctx: ToolchainContext): Promise<MaturinSearch> {
  const candidates = maturinCandidates(ctx);
  const outcomes = await Promise.all(candidates.map((candidate) => probe(ctx, candidate.path, ['--version'])));
  const broken: BrokenCopy[] = [];
  for (const [index, candidate] of candidates.entries()) {
    const outcome = outcomes[index];
    if (outcome === undefined) continue;
    if (outcome.ok) {
      const version = parseVersion(outcome.stdout);
      return { chosen: { ...candidate, version: version ? formatVersion(version) : null }, broken };
    }
    broken.push({ ...candidate, problem: outcome.reason, timedOut: outcome.timedOut });
  }
  return { chosen: null, broken };
}

function maturinCandidates(ctx: ToolchainContext): readonly Candidate[] {
  const candidates: Candidate[] = [];
  const onPath = findExecutable('maturin', ctx.env);
  if (onPath !== null) candidates.push({ path: onPath, source: 'path' });
  const managed = managedExecutable(ctx.dataDir, 'maturin');
  if (managed !== onPath && existsSync(managed)) candidates.push({ path: managed, source: 'managed' });
  return candidates;
}

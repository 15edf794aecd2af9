import type { ProjectProblem } from '../../../common/domain';
import type { ProjectContext } from '../context';
import { backendCheck, uvCacheKeysCheck } from './backend-checks';
import type { Check, Finding } from './check';
import { buildNeedsCheck, cargoConfigCheck, toolchainCheck } from './environment-checks';
import { manifestChecks, pythonSourceCheck, versionCheck } from './layout-checks';
import { crateTypeCheck, moduleNameCheck } from './module-checks';
import { abi3Check, abi3FloorCheck, extensionModuleCheck, pythonRangeCheck } from './pyo3-checks';

/** Every project check, in the order their problems are shown within a severity. */
const CHECKS: readonly Check[] = [
  manifestChecks,
  backendCheck,
  moduleNameCheck,
  crateTypeCheck,
  pythonRangeCheck,
  extensionModuleCheck,
  buildNeedsCheck,
  toolchainCheck,
  cargoConfigCheck,
  pythonSourceCheck,
  versionCheck,
  uvCacheKeysCheck,
  abi3FloorCheck,
  abi3Check,
];

const RANK = { error: 0, warn: 1, info: 2 } as const;

export function runChecks(ctx: ProjectContext): Finding[] {
  return CHECKS.flatMap((check) => check(ctx)).sort((a, b) => RANK[a.severity] - RANK[b.severity]);
}

/** The problem as it crosses the contract: fix ids and summaries, no plans. */
export function toProblem(finding: Finding): ProjectProblem {
  const { edits, ...problem } = finding;
  return edits?.length ? { ...problem, fixes: edits.map(({ id, summary }) => ({ id, summary })) } : problem;
}

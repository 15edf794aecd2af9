import type { TargetInfo } from '../../common/domain';
import { stdTriplesFor } from '../toolchain/targets-aliases';
import type { TargetPlan } from './planner';
import type { CatalogTarget } from './target-catalog';

/** The platform tag a Linux wheel gets at the planned compatibility (`off` means the plain linux tag). */
function platformTagOf(entry: CatalogTarget, plan: TargetPlan): string {
  if (entry.os !== 'linux' || plan.status !== 'buildable' || !plan.compatibility || plan.compatibility === 'pypi') return entry.platformTag;
  if (plan.compatibility === 'off' || plan.compatibility === 'linux') return `linux_${entry.arch}`;
  return `${plan.compatibility}_${entry.arch}`;
}

/**
 * A catalog entry with its plan on this machine, as `wheelbench targets` and the target picker show it;
 * `keptStd` says whether a build-std target's std is already built (std-kit.ts).
 */
export function describeTarget(entry: CatalogTarget, plan: TargetPlan, keptStd: 'ready' | 'not-yet' | null = null): TargetInfo {
  const base = { alias: entry.alias, triple: entry.triple, os: entry.os, platformTag: platformTagOf(entry, plan) };
  if (plan.status === 'unavailable') {
    return { ...base, available: false, strategy: null, toolchain: null, reason: plan.reason, notes: [], fix: plan.fix };
  }
  // Only the wait is worth a note (the picker marks notes); a kept std is what the reason already promises.
  const stdNote = plan.buildStd && keptStd === 'not-yet' ? [`The first build compiles std for ${stdTriplesFor(plan.triple).join(' and ')} (a minute or more), once; later builds of any project reuse it.`] : [];
  return { ...base, available: true, strategy: plan.strategy, toolchain: plan.toolchain.label, reason: plan.reason, notes: [...plan.notes, ...stdNote], fix: null };
}

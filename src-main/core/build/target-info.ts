import type { TargetInfo } from '../../common/domain';
import type { TargetPlan } from './planner';
import type { CatalogTarget } from './target-catalog';

/** A catalog entry with its plan on this machine, as `wheelbench targets` and the target picker show it. */
export function describeTarget(entry: CatalogTarget, plan: TargetPlan): TargetInfo {
  const base = { alias: entry.alias, triple: entry.triple, os: entry.os, platformTag: entry.platformTag };
  if (plan.status === 'unavailable') {
    return { ...base, available: false, strategy: null, toolchain: null, reason: plan.reason, notes: [], fix: plan.fix };
  }
  return { ...base, available: true, strategy: plan.strategy, toolchain: plan.toolchain.label, reason: plan.reason, notes: plan.notes, fix: null };
}

import type { TargetInfo } from '../../common/domain';
import type { TargetPlan } from './planner';
import type { CatalogTarget } from './target-catalog';

/** The platform tag a Linux wheel gets at the planned compatibility (`off` means the plain linux tag). */
function platformTagOf(entry: CatalogTarget, plan: TargetPlan): string {
  if (entry.os !== 'linux' || plan.status !== 'buildable' || !plan.compatibility || plan.compatibility === 'pypi') return entry.platformTag;
  if (plan.compatibility === 'off' || plan.compatibility === 'linux') return `linux_${entry.arch}`;
  return `${plan.compatibility}_${entry.arch}`;
}

/** A catalog entry with its plan on this machine, as `wheelbench targets` and the target picker show it. */
export function describeTarget(entry: CatalogTarget, plan: TargetPlan): TargetInfo {
  const base = { alias: entry.alias, triple: entry.triple, os: entry.os, platformTag: platformTagOf(entry, plan) };
  if (plan.status === 'unavailable') {
    return { ...base, available: false, strategy: null, toolchain: null, reason: plan.reason, notes: [], fix: plan.fix };
  }
  return { ...base, available: true, strategy: plan.strategy, toolchain: plan.toolchain.label, reason: plan.reason, notes: plan.notes, fix: null };
}

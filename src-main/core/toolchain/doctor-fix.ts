import type { Fix } from '../../common/domain';
import { WheelbenchError } from '../../common/errors';
import type { ToolchainContext } from './context';
import { diagnose, type Diagnosis } from './doctor';
import type { FixAction } from './fix-actions';
import type { ProbeCache } from './probe-cache';

export interface PreparedFix {
  readonly fix: Fix;
  readonly action: FixAction;
}

/**
 * Finds what the fix with this id does, from a fresh diagnosis (fast: the probes are cached), and refuses
 * a fix that changes the system unless the user confirmed it.
 */
export async function prepareDoctorFix(ctx: ToolchainContext, cache: ProbeCache, id: string, confirmed: boolean): Promise<PreparedFix> {
  const prepared = runnableFixFor(await diagnose(ctx, { targets: targetsNamedBy(id), cache }), id);
  if (prepared.fix.needsConfirmation && !confirmed) {
    throw new WheelbenchError({
      code: 'needs-confirmation',
      message: `This fix changes the system: it runs \`${prepared.fix.command}\`. It runs only after you confirm it.`,
      fix: { summary: 'Confirm the fix (the Fix button asks; on the command line add --yes), or run the command yourself.', command: prepared.fix.command },
    });
  }
  return prepared;
}

/** The targets a check id is about (`rust.std.<triple>`, `link.<triple>`, `target.<triple>`). */
export function targetsNamedBy(checkId: string): string[] {
  const triple = /^(?:rust\.std|link|target)\.(.+)$/.exec(checkId)?.[1];
  return triple ? [triple] : [];
}

/** The fix a check offers and what running it does; a sentence saying why not when it cannot run. */
export function runnableFixFor(diagnosis: Diagnosis, id: string): PreparedFix {
  const action = diagnosis.actions.get(id);
  const check = diagnosis.report.checks.find((candidate) => candidate.fix?.id === id) ?? diagnosis.report.checks.find((candidate) => candidate.id === id);
  if (action && check?.fix) return { fix: check.fix, action };
  const runnable = [...diagnosis.actions.keys()];
  const why = !check
    ? `There is no check "${id}".`
    : check.status === 'ok'
      ? `"${id}" passes: there is nothing to fix.`
      : `The fix for "${id}" is not one Wheelbench can run: ${check.fix?.summary ?? 'see the check'}${check.fix?.command ? ` (${check.fix.command})` : ''}`;
  throw new WheelbenchError({
    code: 'not-found',
    message: `${why} ${runnable.length ? `Fixes Wheelbench can run now: ${runnable.join(', ')}.` : 'No fix Wheelbench can run is pending.'}`,
  });
}

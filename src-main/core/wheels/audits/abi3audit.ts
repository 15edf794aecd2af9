import type { WheelTags } from '../../../common/domain';
import type { AuditResult, WheelProblem } from '../../../common/wheel-report';
import type { PrestartedScript } from '../../process/python-prestart';
import type { ToolchainContext } from '../../toolchain/context';
import { auditBroke, locateAuditTool, notApplicable, notInstalled, runAudit, type AuditedWheel } from './audit-tool';
import type { AuditOutcome } from './auditwheel';

// Limited-API use of abi3 wheels, as abi3audit judges it: no symbols outside the stable ABI, and none
// newer than the oldest Python the wheel claims.

interface Abi3AuditResult {
  readonly is_abi3?: boolean;
  readonly baseline?: string;
  readonly computed?: string | null;
  readonly non_abi3_symbols?: readonly string[];
}

/** What `abi3audit -R` prints (the fields Wheelbench reads). */
export interface Abi3AuditReport {
  readonly specs?: Readonly<Record<string, { readonly wheel?: readonly { readonly name: string; readonly result: Abi3AuditResult }[] }>>;
}

export async function auditAbi3(ctx: ToolchainContext, wheel: AuditedWheel, hasBinaries: boolean, prestarted?: PrestartedScript): Promise<AuditOutcome> {
  const { path: wheelPath, tags } = wheel;
  if (!tags.some((t) => t.abi === 'abi3') || !hasBinaries) {
    return { result: notApplicable('abi3audit', 'Not an abi3 wheel: it is built for specific Python versions.'), problems: [] };
  }
  const executable = locateAuditTool(ctx, 'abi3audit');
  if (!executable) return { result: notInstalled('abi3audit', 'limited-API use'), problems: [] };
  const run = await runAudit(ctx, executable, ['-R', wheelPath], wheel.auditDigest, prestarted);
  let report: Abi3AuditReport;
  try {
    report = JSON.parse(run.stdout) as Abi3AuditReport;
  } catch {
    return { result: auditBroke('abi3audit', run), problems: [] };
  }
  return judgeAbi3(report, minimumAbi3(tags));
}

/** `cp39` among abi3 tags → `3.9`: the oldest CPython the wheel promises to import on. */
export function minimumAbi3(tags: readonly WheelTags[]): string | null {
  const versions = tags
    .filter((t) => t.abi === 'abi3')
    .map((t) => /^cp3(\d+)$/.exec(t.python)?.[1])
    .filter((v): v is string => v !== undefined)
    .map(Number);
  return versions.length ? `3.${Math.min(...versions)}` : null;
}

const minor = (version: string | null | undefined): number => Number(version?.split('.')[1] ?? NaN);

export function judgeAbi3(report: Abi3AuditReport, claimed: string | null): AuditOutcome {
  const modules = Object.values(report.specs ?? {}).flatMap((spec) => spec.wheel ?? []);
  const problems: WheelProblem[] = [];
  for (const { name, result } of modules) {
    const symbols = result.non_abi3_symbols ?? [];
    if (symbols.length > 0) {
      problems.push({
        id: 'abi3.non-limited-symbols',
        severity: 'error',
        message: `${name} uses ${symbols.length} symbol(s) outside the limited API (${symbols.slice(0, 6).join(', ')}${symbols.length > 6 ? ', …' : ''}): as an abi3 wheel it may crash or fail to import on other Python versions.`,
        file: name,
        fix: { summary: 'Use only the limited API (PyO3: enable abi3 and avoid APIs it disables), or build version-specific wheels without abi3.' },
      });
    }
    if (claimed && result.computed && minor(result.computed) > minor(claimed)) {
      problems.push({
        id: 'abi3.newer-than-claimed',
        severity: 'error',
        message: `${name} uses limited-API functions from Python ${result.computed}, but the wheel claims abi3 from ${claimed}: on ${claimed}–3.${minor(result.computed) - 1} the import fails.`,
        file: name,
        fix: { summary: `Raise the abi3 floor (PyO3 feature abi3-py3${minor(result.computed)}, requires-python >= ${result.computed}) or stop using the newer API.` },
      });
    }
  }
  const computed = modules.map((m) => m.result.computed).filter((v): v is string => typeof v === 'string');
  const needs = computed.length ? computed.reduce((a, b) => (minor(b) > minor(a) ? b : a)) : claimed;
  const result: AuditResult =
    problems.length === 0
      ? { tool: 'abi3audit', status: 'passed', verdict: `abi3 ≥ ${needs ?? claimed ?? '3'}`, detail: `abi3audit: ${modules.length} extension module(s) use only the limited API${needs ? ` of Python ${needs}` : ''}.` }
      : { tool: 'abi3audit', status: 'failed', verdict: `${problems.length} violation${problems.length === 1 ? '' : 's'}`, detail: problems.map((p) => p.message).join(' ') };
  return { result, problems };
}

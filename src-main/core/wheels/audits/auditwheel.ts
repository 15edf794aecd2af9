import { basename, dirname } from 'node:path';
import type { AuditResult, WheelProblem } from '../../../common/wheel-report';
import type { PrestartedScript } from '../../process/python-prestart';
import type { ToolchainContext } from '../../toolchain/context';
import { compareVersionPairs, platformFacts, policyName, type LinuxPolicy } from '../platform-tags';
import { auditBroke, locateAuditTool, notApplicable, notInstalled, runAudit, type AuditedWheel } from './audit-tool';

// The manylinux/musllinux policy of a Linux wheel, as auditwheel judges it, set against the policy the
// wheel's tags claim.

export interface AuditOutcome {
  readonly result: AuditResult;
  readonly problems: readonly WheelProblem[];
}

/** What `auditwheel show --json` prints (the fields Wheelbench reads). */
export interface AuditwheelShow {
  readonly overall_tag?: string;
  readonly external_libs?: Readonly<Record<string, string | null>>;
  readonly unsupported_isa?: boolean;
}

export async function auditManylinux(ctx: ToolchainContext, wheel: AuditedWheel, hasElf: boolean, prestarted?: PrestartedScript): Promise<AuditOutcome> {
  const { path: wheelPath, tags } = wheel;
  const linuxTags = [...new Set(tags.map((t) => t.platform))].filter((p) => platformFacts(p).os === 'linux');
  if (linuxTags.length === 0 || !hasElf) {
    return { result: notApplicable('auditwheel', 'Not a Linux platform wheel: manylinux policies do not apply.'), problems: [] };
  }
  if (process.platform !== 'linux') {
    return { result: { tool: 'auditwheel', status: 'not-run', verdict: 'Linux only', detail: 'auditwheel runs on Linux only; inspect this wheel on Linux for its manylinux verdict.' }, problems: [] };
  }
  const executable = locateAuditTool(ctx, 'auditwheel');
  if (!executable) return { result: notInstalled('auditwheel', 'the manylinux policy'), problems: [] };
  const run = await runAudit(ctx, executable, ['show', '--json', wheelPath], wheel.auditDigest, prestarted);
  let show: AuditwheelShow;
  try {
    show = JSON.parse(run.stdout) as AuditwheelShow;
  } catch {
    return { result: auditBroke('auditwheel', run), problems: [] };
  }
  return judgePolicy(show, linuxTags, wheelPath);
}

/** Compares auditwheel's verdict with the policy the tags claim. Pure: unit-tested on sample output. */
export function judgePolicy(show: AuditwheelShow, linuxTags: readonly string[], wheelPath: string): AuditOutcome {
  const overall = show.overall_tag ?? '';
  const found = platformFacts(overall).linux;
  const claims = linuxTags.map((t) => platformFacts(t).linux).filter((p): p is LinuxPolicy => p !== null);
  const claimed = lowestClaim(claims);
  const external = Object.keys(show.external_libs ?? {});
  const reasons = [
    external.length ? `it needs ${external.join(', ')}, which no policy allows (auditwheel repair copies them into the wheel)` : '',
    show.unsupported_isa ? 'it uses CPU instructions beyond the baseline the policy allows' : '',
  ].filter(Boolean);
  const repair = `auditwheel repair ${JSON.stringify(wheelPath)} -w ${JSON.stringify(dirname(wheelPath))}`;
  const fileName = basename(wheelPath);
  const foundPolicy = found ? policyName(found) : null;
  const verdict = foundPolicy ? overall : `${overall || 'no policy'} (not manylinux)`;
  const detail = `auditwheel: ${fileName} is consistent with ${overall || 'no platform tag'}.${reasons.length ? ` Not better because ${reasons.join('; ')}.` : ''}`;

  if (!foundPolicy) {
    if (claimed) {
      return failed(verdict, detail, {
        id: 'policy.not-compliant',
        severity: 'error',
        message: `The wheel claims ${policyName(claimed)}, but auditwheel finds it meets no manylinux/musllinux policy${reasons.length ? `: ${reasons.join('; ')}` : ''}. pip will install it where it may not load.`,
        fix: { summary: 'Repair it with auditwheel (vendors the libraries and retags it), or build with zig for a manylinux target.', command: repair },
      });
    }
    return failed(verdict, detail, {
      id: 'policy.none',
      severity: 'warn',
      message: `The wheel is tagged ${linuxTags.join(', ')} and meets no manylinux policy${reasons.length ? ` (${reasons.join('; ')})` : ''}: PyPI rejects linux_* wheels.`,
      fix: { summary: 'Vendor the libraries with auditwheel repair, or avoid linking them.', command: repair },
    });
  }
  if (!claimed) {
    return failed(verdict, detail, {
      id: 'tags.linux-not-manylinux',
      severity: 'warn',
      message: `The wheel is tagged ${linuxTags.join(', ')}, which PyPI rejects, but its binaries already meet ${overall}: only the tag is wrong.`,
      fix: {
        summary: `Retag it with auditwheel repair, or build with a manylinux compatibility (maturin build --compatibility ${foundPolicy}; maturin 1.9.x zig builds sometimes tagged linux_*: upgrade maturin).`,
        command: repair,
      },
    });
  }
  if (found && found.libc !== claimed.libc) {
    return failed(verdict, detail, {
      id: 'policy.libc-mismatch',
      severity: 'error',
      message: `The wheel claims ${policyName(claimed)} but auditwheel finds ${overall}: it is built against the other libc.`,
      fix: { summary: 'Build musllinux wheels with a *-unknown-linux-musl target and manylinux wheels with a *-gnu target.' },
    });
  }
  if (found && found.version && claimed.version && compareVersionPairs(claimed.version, found.version) < 0) {
    const glibc = `${found.version[0]}.${found.version[1]}`;
    return failed(verdict, detail, {
      id: 'policy.too-new',
      severity: 'error',
      message: `The wheel claims ${policyName(claimed)}, but its binaries need ${found.libc} ${glibc} (auditwheel: ${overall}): on older systems pip installs it and the import fails ("GLIBC_${glibc}' not found").`,
      fix: { summary: 'Build against an older glibc: maturin build --zig --compatibility manylinux2014 (zig links against the policy\'s glibc).' },
    });
  }
  return { result: { tool: 'auditwheel', status: 'passed', verdict: overall, detail }, problems: [] };
}

function failed(verdict: string, detail: string, problem: WheelProblem): AuditOutcome {
  return { result: { tool: 'auditwheel', status: 'failed', verdict, detail, ...(problem.fix ? { fix: problem.fix } : {}) }, problems: [problem] };
}

/** A wheel tagged for several policies installs under the oldest; that is the promise to check. */
function lowestClaim(claims: readonly LinuxPolicy[]): LinuxPolicy | null {
  const withVersion = claims.filter((c) => c.version !== null);
  if (withVersion.length === 0) return null;
  return withVersion.reduce((low, c) => (compareVersionPairs(c.version as [number, number], low.version as [number, number]) < 0 ? c : low));
}

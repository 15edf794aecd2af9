import type { CheckStatus, DoctorCheck, DoctorReport, Explanation, Fix } from '../common/domain';

// `wheelbench doctor` in the style of `flutter doctor`: one line per area with ✓ ! ✗, the problems under
// it with their fixes, everything with -v, and a summary count.

const MARK: Readonly<Record<CheckStatus, string>> = { ok: '✓', warn: '!', error: '✗', skip: '-' };
const RANK: Readonly<Record<CheckStatus, number>> = { error: 3, warn: 2, ok: 1, skip: 0 };

interface Area {
  readonly name: string;
  readonly checks: readonly DoctorCheck[];
}

function areasOf(checks: readonly DoctorCheck[]): readonly Area[] {
  const byName = new Map<string, DoctorCheck[]>();
  for (const check of checks) {
    const name = check.area ?? check.title;
    byName.set(name, [...(byName.get(name) ?? []), check]);
  }
  return [...byName.entries()].map(([name, list]) => ({ name, checks: list }));
}

/** An area is as bad as its worst check; skipped (optional, absent) pieces do not make it worse than ok. */
function areaStatus(area: Area): CheckStatus {
  return area.checks.reduce<CheckStatus>((worst, check) => (RANK[check.status] > RANK[worst] ? check.status : worst), 'skip');
}

const firstLine = (text: string) => text.split('\n')[0] ?? '';
const isProblem = (check: DoctorCheck) => check.status === 'error' || check.status === 'warn';
const problems = (area: Area) => area.checks.filter(isProblem);

function fixLines(fix: Fix, indent: string): string[] {
  const lines = [`${indent}→ ${fix.summary}`];
  if (fix.command) lines.push(`${indent}  $ ${fix.command}`);
  if (fix.id) {
    const confirm = fix.needsConfirmation ? ' (it changes the system: it asks first, or add --yes)' : '';
    lines.push(`${indent}  Wheelbench can run it: wheelbench doctor --fix ${fix.id}${confirm}`);
  }
  return lines;
}

/**
 * One area: its first check gives the headline (as flutter doctor names the SDK it found), the problems
 * follow with their fixes; -v shows every check. A fix offered twice in an area is shown once.
 */
function areaLines(area: Area, verbose: boolean): string[] {
  const [lead, ...others] = area.checks;
  if (!lead) return [];
  const lines = [`[${MARK[areaStatus(area)]}] ${area.name}${lead.detail ? ` — ${firstLine(lead.detail)}` : ''}`];
  const shownFixes = new Set<string>();
  const body = (check: DoctorCheck, titled: boolean) => {
    const pad = titled ? '      ' : '    ';
    const [first = '', ...more] = check.detail.split('\n');
    if (titled) lines.push(`    ${MARK[check.status]} ${check.title}${first ? ` — ${first}` : ''}`);
    lines.push(...more.map((line) => `${pad}${line}`));
    const key = check.fix ? (check.fix.id ?? `${check.fix.summary}|${check.fix.command ?? ''}`) : '';
    if (check.fix && check.status !== 'ok' && !shownFixes.has(key)) {
      shownFixes.add(key);
      lines.push(...fixLines(check.fix, pad));
    }
  };
  if (verbose || isProblem(lead)) body(lead, false);
  for (const check of others) if (verbose || isProblem(check)) body(check, true);
  return lines;
}

export function formatDoctor(report: DoctorReport, options: { readonly verbose?: boolean } = {}): string {
  const verbose = options.verbose ?? false;
  const areas = areasOf(report.checks);
  const lines = [verbose ? 'Doctor report:' : 'Doctor summary (to see all details, run wheelbench doctor -v):'];
  for (const area of areas) lines.push(...areaLines(area, verbose));
  const errors = report.checks.filter((c) => c.status === 'error').length;
  const warnings = report.checks.filter((c) => c.status === 'warn').length;
  const troubled = areas.filter((area) => problems(area).length > 0).length;
  lines.push('');
  lines.push(
    errors + warnings === 0
      ? `• No issues found! (${Math.round(report.durationMs)} ms)`
      : `! Doctor found issues in ${count(troubled, 'area')}: ${count(errors, 'error')} and ${count(warnings, 'warning')} (${Math.round(report.durationMs)} ms).`,
  );
  return lines.join('\n');
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** One check on one line: `[✓] Title — first line of its detail`. */
export function formatCheckLine(check: DoctorCheck): string {
  const first = firstLine(check.detail);
  return `[${MARK[check.status]}] ${check.title}${first ? ` — ${first}` : ''}`;
}

/** A build log's known failure, for the end of CLI output. */
export function formatExplanation(explanation: Explanation | null): string {
  if (!explanation) return 'No known failure recognised in this log. Its last error lines usually name the cause.';
  const lines = [`✗ ${explanation.title}`, `  why: ${explanation.cause}`];
  if (explanation.evidence) lines.push(`  seen: ${explanation.evidence}`);
  lines.push(`  fix: ${explanation.fix.summary}`);
  if (explanation.fix.command) lines.push(`       $ ${explanation.fix.command}`);
  if (explanation.fix.id) lines.push(`       Wheelbench can run it: wheelbench doctor --fix ${explanation.fix.id}`);
  return lines.join('\n');
}

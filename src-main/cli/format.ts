import type { BuildResult, CheckStatus, DoctorReport, ProjectSummary } from '../common/domain';
import { formatLocation, type WheelbenchErrorData } from '../common/errors';
import { formatBytes } from '../common/format-bytes';

const MARK: Readonly<Record<CheckStatus, string>> = { ok: '✓', warn: '!', error: '✗', skip: '-' };

/** flutter-doctor style: one line per check, the fix under anything not ok, then a summary. */
export function formatDoctor(report: DoctorReport): string {
  const lines: string[] = [];
  for (const check of report.checks) {
    const [first, ...more] = check.detail.split('\n');
    lines.push(`[${MARK[check.status]}] ${check.title}${first ? ` — ${first}` : ''}`);
    for (const line of more) lines.push(`    ${line}`);
    if (check.status !== 'ok' && check.fix) {
      lines.push(`    → ${check.fix.summary}`);
      if (check.fix.command) lines.push(`      $ ${check.fix.command}`);
    }
  }
  const errors = report.checks.filter((c) => c.status === 'error').length;
  const warnings = report.checks.filter((c) => c.status === 'warn').length;
  lines.push('');
  lines.push(
    errors + warnings === 0
      ? `• No issues found! (${Math.round(report.durationMs)} ms)`
      : `! Doctor found ${errors} error${errors === 1 ? '' : 's'} and ${warnings} warning${warnings === 1 ? '' : 's'} (${Math.round(report.durationMs)} ms).`,
  );
  return lines.join('\n');
}

export { formatBytes };

function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd()).join('\n');
}

export function formatBuildSummary(result: BuildResult): string {
  const rows = [
    ['TARGET', 'STATUS', 'STRATEGY', 'TIME', 'PEAK MEM', 'WHEEL / REASON'],
    ...result.targets.map((t) => [
      t.target,
      t.status,
      t.strategy ?? '-',
      `${(t.durationMs / 1000).toFixed(1)} s`,
      t.peakRssBytes ? formatBytes(t.peakRssBytes) : '-',
      t.wheel ?? t.reason ?? '',
    ]),
  ];
  const explanations = result.targets.flatMap((t) =>
    t.explanation ? [`\n${t.target}: ${t.explanation.title}\n  why: ${t.explanation.cause}\n  fix: ${t.explanation.fix.summary}${t.explanation.fix.command ? `\n       $ ${t.explanation.fix.command}` : ''}`] : [],
  );
  return [table(rows), ...explanations, `\nLog: ${result.logFile}`].join('\n');
}

export function formatProject(p: ProjectSummary): string {
  const lines = [
    `${p.name ?? '(unnamed)'}  ${p.root}`,
    `  backend:       ${p.backend}`,
    `  bindings:      ${p.bindings ?? '-'}`,
    `  module:        ${p.moduleName ?? '-'}`,
    `  python-source: ${p.pythonSource ?? '-'}`,
    `  manifest:      ${p.manifestPath ?? '-'}`,
    `  pyo3:          ${p.pyo3Version ?? '-'}${p.abi3 ? ` (abi3 ${p.abi3})` : ''}`,
  ];
  for (const problem of p.problems) {
    const where = problem.file ? ` (${formatLocation(problem)})` : '';
    lines.push(`  ${problem.severity}: ${problem.message}${where}`);
    if (problem.fix) lines.push(`    → ${problem.fix.summary}`);
  }
  return lines.join('\n');
}

export function formatError(error: WheelbenchErrorData): string {
  const lines = [`error: ${error.message}`];
  const where = formatLocation(error);
  if (where && !error.message.includes(where)) lines.push(`  at ${where}`);
  if (error.fix) lines.push(`  fix: ${error.fix.summary}${error.fix.command ? `\n    $ ${error.fix.command}` : ''}`);
  return lines.join('\n');
}

import type { BuildResult, ProjectSummary, TargetInfo } from '../common/domain';
import { formatLocation, type WheelbenchErrorData } from '../common/errors';
import { formatExplanation } from './format-doctor';

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

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
  const explanations = result.targets.flatMap((t) => (t.explanation ? [`\n${t.target}:\n${formatExplanation(t.explanation)}`] : []));
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

export function formatTargets(targets: readonly TargetInfo[]): string {
  const lines: string[] = [];
  for (const os of ['linux', 'windows', 'macos'] as const) {
    lines.push(os === 'linux' ? 'Linux' : os === 'windows' ? 'Windows' : 'macOS');
    for (const t of targets.filter((x) => x.os === os)) {
      const mark = t.available ? '✓' : '✗';
      lines.push(`  [${mark}] ${t.alias.padEnd(18)} ${t.triple.padEnd(30)} ${t.available ? (t.strategy ?? '').padEnd(9) : 'unavailable'}`);
      lines.push(`        ${t.reason}`);
      for (const note of t.notes) lines.push(`        note: ${note}`);
      if (t.fix) lines.push(`        → ${t.fix.summary}${t.fix.command ? `\n          $ ${t.fix.command}` : ''}`);
    }
  }
  return lines.join('\n');
}

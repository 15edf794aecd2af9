import { basename } from 'node:path';
import type { BuildResult, HistoryEntry, ProjectFixPreview, ProjectFixResult, ProjectSummary, TargetInfo } from '../common/domain';
import { formatLocation, type WheelbenchErrorData } from '../common/errors';
import { formatBytes, formatLargestProcess } from '../common/format-bytes';
import { shellQuote } from '../core/toolchain/shell-quote';
import { formatExplanation } from './format-doctor';

export { formatBytes };

function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd()).join('\n');
}

const secondsText = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const peakText = (bytes: number) => (bytes ? formatBytes(bytes) : '-');

export function formatBuildSummary(result: BuildResult): string {
  const rows = [
    ['TARGET', 'STATUS', 'STRATEGY', 'TIME', 'PEAK MEM', 'WHEEL / REASON'],
    ...result.targets.map((t) => [
      t.target,
      t.status,
      t.strategy ?? '-',
      secondsText(t.durationMs),
      peakText(t.peakRssBytes),
      t.wheel ?? t.reason ?? '',
    ]),
  ];
  // Only a compile is a floor worth naming: a warm build's biggest process is maturin or cargo.
  const largest = result.targets.flatMap((t) => (t.largestProcess?.crate ? [`${t.target}: the largest single process was ${formatLargestProcess(t.largestProcess)} of the ${formatBytes(t.peakRssBytes)} peak; fewer jobs cannot go below it.`] : []));
  const explanations = result.targets.flatMap((t) => (t.explanation ? [`\n${t.target}:\n${formatExplanation(t.explanation)}`] : []));
  return [table(rows), ...(largest.length ? ['', ...largest] : []), ...explanations, `\nLog: ${result.logFile}`].join('\n');
}

const pad2 = (n: number) => String(n).padStart(2, '0');
/** A moment in local time, to the minute: 2026-12-07 03:40. */
function localMinute(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())} ${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
}

/** Past builds as a table, newest first; then where the newest one's log is and how to run it by hand. */
export function formatHistory(entries: readonly HistoryEntry[], projectDir: string | null): string {
  if (entries.length === 0) return projectDir ? `No builds of ${projectDir} yet. Build it: wheelbench build ${shellQuote(projectDir)}` : 'No builds yet.';
  const rows = [
    ['WHEN', ...(projectDir ? [] : ['PROJECT']), 'TARGET', 'PROFILE', 'STATUS', 'TIME', 'PEAK MEM', 'WHEEL / REASON'],
    ...entries.map((e) => [
      localMinute(e.at),
      ...(projectDir ? [] : [basename(e.projectDir)]),
      e.requested && e.requested !== e.target ? `${e.requested} · ${e.target}` : e.target,
      e.profile,
      e.result.status,
      secondsText(e.result.durationMs),
      peakText(e.result.peakRssBytes),
      e.result.wheel ? basename(e.result.wheel) : (e.result.reason ?? ''),
    ]),
  ];
  const [newest] = entries;
  const lines = [`${projectDir ? `Builds of ${projectDir}` : 'Builds of every project'}, newest first`, table(rows), '', `Log of the newest: ${newest?.logFile}`];
  if (newest?.rerun) lines.push(`Run it by hand (into the output folder):`, `  ${newest.rerun}`);
  return lines.join('\n');
}

export function formatProject(p: ProjectSummary): string {
  const rows: [string, string | null][] = [
    ['backend', p.backend],
    ['bindings', p.bindings],
    ['version', p.version && `${p.version}${p.versionSource === 'cargo' ? ' (from Cargo.toml)' : ''}`],
    ['module', p.moduleName],
    ['extension', p.extension?.inWheel ?? null],
    ['python-source', p.pythonSource],
    ['manifest', p.manifestPath],
    ['crate', p.crate && `${p.crate.name} (lib ${p.crate.libName}, crate-type ${p.crate.crateTypes.join(', ')})`],
    ['workspace', p.crate?.workspaceRoot ?? null],
    ['pyo3', p.pyo3Version && `${p.pyo3Version}${p.pyo3Locked ? ` (locked ${p.pyo3Locked})` : ''}${p.pyo3Features.length ? ` [${p.pyo3Features.join(', ')}]` : ''}${p.abi3 ? `, abi3 ${p.abi3}` : ''}`],
    ['python', [p.requiresPython && `requires ${p.requiresPython}`, p.pythonRange && `pyo3 supports ${p.pythonRange.min}–${p.pythonRange.max}`].filter(Boolean).join('; ') || null],
    ['toolchain', p.toolchain && `${p.toolchain.channel} (${p.toolchain.file})${p.toolchain.installed === false ? ' — not installed' : ''}`],
    ['build needs', p.buildNeeds.length ? p.buildNeeds.join(', ') : null],
    ['cargo config', p.cargoConfigs.length ? p.cargoConfigs.map((c) => `${c.path}${c.applies ? '' : ' (ignored)'}`).join(', ') : null],
    ['nix', p.nixFiles.length ? p.nixFiles.join(', ') : null],
  ];
  const lines = [`${p.name ?? '(unnamed)'}  ${p.root}`, ...rows.filter(([, v]) => v).map(([k, v]) => `  ${`${k}:`.padEnd(15)}${v}`)];
  if (p.problems.length) lines.push('');
  for (const problem of p.problems) {
    const where = problem.file ? ` (${formatLocation(problem)})` : '';
    lines.push(`  ${problem.severity}: ${problem.message}${where}`);
    if (problem.fix) lines.push(`    → ${problem.fix.summary}`);
    if (problem.fix?.command) lines.push(`      $ ${problem.fix.command}`);
    for (const option of problem.fixes ?? []) lines.push(`    ⚙ ${option.summary}: wheelbench project ${shellQuote(p.root)} --fix ${option.id}`);
  }
  return lines.join('\n');
}

/** The diff of a fix, then what happened: previewed only, or written (with the backups made). */
export function formatFix(fix: ProjectFixPreview | ProjectFixResult, dryRun: boolean): string {
  const lines = [`${dryRun ? 'Would apply' : 'Applied'} ${fix.fixId}: ${fix.summary}`, ''];
  for (const file of fix.files) lines.push(file.diff.replace(/^=+\n/m, '').trimEnd(), '');
  if (dryRun) lines.push('Nothing was written (--dry-run).');
  else {
    const backups = 'backups' in fix ? fix.backups : [];
    lines.push(`Wrote ${fix.files.map((f) => f.path).join(', ')}.`);
    if (backups.length) lines.push(`Originals kept in ${backups.join(', ')}.`);
    const remaining = 'project' in fix ? fix.project.problems.filter((p) => p.severity !== 'info').length : 0;
    if (remaining) lines.push(`${remaining} problem${remaining === 1 ? '' : 's'} left: run \`wheelbench project ${'project' in fix ? fix.project.root : ''}\`.`);
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

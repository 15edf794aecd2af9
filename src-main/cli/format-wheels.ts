import type { JobOutcome } from '../common/contract';
import type { AuditResult, VerifyExecution, WheelReport } from '../common/wheel-report';
import { formatBytes } from '../common/format-bytes';

// `wheelbench inspect` and `wheelbench verify` for people: the facts first, then every problem with
// its fix, then one summary line.

const MARK = { error: '✗', warn: '!', info: 'i' } as const;
const LARGEST_SHOWN = 8;

function audit(a: AuditResult): string {
  if (a.status === 'not-applicable') return `n/a — ${a.detail}`;
  const mark = a.status === 'passed' ? '✓' : a.status === 'failed' ? '✗' : '-';
  return `${mark} ${a.verdict}${a.status === 'not-run' ? ` — ${a.detail}` : ` (${a.tool})`}`;
}

export function formatInspection(r: WheelReport): string {
  const tags = r.tags.map((t) => `${t.python}-${t.abi}-${t.platform}`).join(', ');
  const m = r.metadata;
  const lines = [
    `${r.fileName}  (${formatBytes(r.sizeBytes)}, ${r.fileCount} files, ${formatBytes(r.unpackedBytes)} unpacked)`,
    `  project:      ${m?.name ?? r.distribution} ${m?.version ?? r.version}${m?.summary ? ` — ${m.summary}` : ''}`,
    `  tags:         ${tags}${r.wheelFile ? ` · Root-Is-Purelib: ${r.wheelFile.rootIsPurelib ?? '?'} · ${r.wheelFile.generator ?? 'unknown generator'}` : ''}`,
  ];
  if (m) {
    const people = [m.author && `author ${m.author}`, m.authorEmail && `author-email ${m.authorEmail}`, m.maintainer && `maintainer ${m.maintainer}`, m.maintainerEmail && `maintainer-email ${m.maintainerEmail}`].filter(Boolean);
    lines.push(`  metadata:     Metadata-Version ${m.metadataVersion ?? '?'} · requires-python ${m.requiresPython ?? '(any)'} · license ${m.license ?? '-'}`);
    if (people.length) lines.push(`                ${people.join(' · ')}`);
    if (m.requiresDist.length) lines.push(`                requires-dist: ${m.requiresDist.join(', ')}`);
  }
  lines.push(
    r.record.status === 'missing'
      ? '  RECORD:       ✗ missing'
      : `  RECORD:       ${r.record.status === 'ok' ? '✓ every file listed, ' : '✗ '}${r.record.verified} file(s) match their sha256 and size (${r.record.listed} rows)`,
  );
  if (r.binaries.length === 0) lines.push('  binaries:     none (pure Python)');
  for (const [i, b] of r.binaries.entries()) {
    const init = b.module ? ` · ${b.module.initSymbol} ${b.module.exportsInit === null ? 'not checked' : b.module.exportsInit ? 'exported ✓' : 'MISSING ✗'}` : ' · (library)';
    lines.push(`  ${i === 0 ? 'binaries:     ' : '              '}${b.path}  ${b.format} ${b.architectures.join('+')}${init} · ${formatBytes(b.sizeBytes)}`);
  }
  lines.push(`  manylinux:    ${audit(r.audits.manylinux)}`, `  abi3:         ${audit(r.audits.abi3)}`);
  lines.push(`  imports:      ${r.importNames.join(', ') || '(none)'}`);
  lines.push('  largest files:');
  for (const f of r.largestFiles.slice(0, LARGEST_SHOWN)) lines.push(`    ${formatBytes(f.sizeBytes).padStart(8)}  ${f.path}`);
  if (r.fileCount > LARGEST_SHOWN) lines.push(`    … and ${r.fileCount - LARGEST_SHOWN} more`);
  if (r.problems.length) lines.push('', 'Problems:');
  for (const p of r.problems) {
    lines.push(`  ${MARK[p.severity]} ${p.severity}: ${p.message}`);
    if (p.fix) lines.push(`      fix: ${p.fix.summary}${p.fix.command ? `\n        $ ${p.fix.command}` : ''}`);
  }
  const errors = r.problems.filter((p) => p.severity === 'error').length;
  const warnings = r.problems.filter((p) => p.severity === 'warn').length;
  lines.push(
    '',
    errors + warnings === 0
      ? `✓ No problems found (${r.durationMs} ms).`
      : `${errors ? '✗' : '!'} ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'} (${r.durationMs} ms).`,
  );
  return lines.join('\n');
}

const EXECUTION_MARK: Readonly<Record<VerifyExecution['status'], string>> = { imported: '✓', failed: '✗', 'not-executed': '-' };

export function formatVerification(outcome: Extract<JobOutcome, { kind: 'verify' }>): string {
  const execution = outcome.report?.execution;
  const lines = [`${execution ? EXECUTION_MARK[execution.status] : '✗'} ${outcome.message}`];
  if (execution && execution.status !== 'imported' && execution.fix) {
    lines.push(`  fix: ${execution.fix.summary}${execution.fix.command ? `\n    $ ${execution.fix.command}` : ''}`);
  }
  const problems = outcome.report?.inspection.problems.filter((p) => p.severity !== 'info') ?? [];
  if (problems.length) lines.push(`  The inspection found ${problems.length} problem(s); run \`wheelbench inspect\` for details:`, ...problems.map((p) => `    ${MARK[p.severity]} ${p.message}`));
  return lines.join('\n');
}

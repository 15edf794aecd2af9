import type { WheelSummary } from '../../../src-main/common/domain';
import type { AuditResult, WheelReport } from '../../../src-main/common/wheel-report';
import type { Verification } from '../../store/verification';

// What the badges on a wheel say, from its inspection report and verification: pure, so the words
// and colours are decided in one place.

export type Tone = 'ok' | 'warn' | 'error' | 'neutral' | 'muted' | 'running';

export interface Badge {
  /** Stable, for tests: `tag`, `record`, `policy`, `abi3`, `problems`, `verified`. */
  readonly kind: string;
  readonly label: string;
  readonly tone: Tone;
  readonly title: string;
}

const tagText = (t: WheelSummary['tags'][number]) => `${t.python}-${t.abi}-${t.platform}`;

export function tagBadges(wheel: WheelSummary): Badge[] {
  return [...new Set(wheel.tags.map(tagText))].map((tag) => ({ kind: 'tag', label: tag, tone: 'neutral', title: 'A tag from the file name: python-abi-platform' }));
}

function auditBadge(kind: string, audit: AuditResult, report: WheelReport): Badge | null {
  if (audit.status === 'not-applicable') return null;
  if (audit.status === 'passed') return { kind, label: audit.verdict, tone: 'ok', title: audit.detail };
  if (audit.status === 'not-run') return { kind, label: `${audit.tool}: ${audit.verdict}`, tone: 'muted', title: audit.detail };
  const prefix = audit.tool === 'abi3audit' ? 'abi3' : audit.tool;
  const severe = report.problems.some((p) => p.severity === 'error' && (p.id.startsWith('policy.') || p.id.startsWith('abi3.')));
  return { kind, label: audit.tool === 'abi3audit' ? `${prefix}: ${audit.verdict}` : audit.verdict, tone: severe ? 'error' : 'warn', title: audit.detail };
}

export function reportBadges(report: WheelReport | undefined, inspecting: boolean): Badge[] {
  if (!report) return inspecting ? [{ kind: 'record', label: 'inspecting…', tone: 'running', title: 'Reading the archive, RECORD and binaries' }] : [];
  const badges: Badge[] = [];
  const record = report.record;
  badges.push(
    record.status === 'ok'
      ? { kind: 'record', label: 'RECORD ✓', tone: 'ok', title: `Every file listed in RECORD with a matching sha256 and size (${record.verified} files).` }
      : { kind: 'record', label: record.status === 'missing' ? 'no RECORD' : 'RECORD ✗', tone: 'error', title: 'RECORD does not match the files in the wheel: see the problems.' },
  );
  const policy = auditBadge('policy', report.audits.manylinux, report);
  if (policy) badges.push(policy);
  const abi3 = auditBadge('abi3', report.audits.abi3, report);
  if (abi3) badges.push(abi3);
  const errors = report.problems.filter((p) => p.severity === 'error').length;
  const warnings = report.problems.filter((p) => p.severity === 'warn').length;
  if (errors + warnings > 0) {
    const parts = [errors ? `${errors} error${errors === 1 ? '' : 's'}` : '', warnings ? `${warnings} warning${warnings === 1 ? '' : 's'}` : ''].filter(Boolean);
    badges.push({ kind: 'problems', label: parts.join(', '), tone: errors ? 'error' : 'warn', title: report.problems.map((p) => p.message).join('\n') });
  }
  return badges;
}

export function verificationBadge(verification: Verification | undefined): Badge {
  if (!verification) return { kind: 'verified', label: 'not verified', tone: 'muted', title: 'Not installed and imported yet: press Verify.' };
  if (verification.status === 'running') {
    return verification.waiting
      ? { kind: 'verified', label: 'waiting…', tone: 'running', title: 'Another wheel is being installed and imported; this one is next' }
      : { kind: 'verified', label: 'verifying…', tone: 'running', title: 'Installing into a fresh virtualenv and importing it' };
  }
  const execution = verification.execution;
  if (!execution) return { kind: 'verified', label: 'verify failed', tone: 'error', title: verification.message };
  switch (execution.status) {
    case 'imported':
      return { kind: 'verified', label: execution.runner === 'qemu' ? 'imported under qemu' : 'imported on host', tone: 'ok', title: verification.message };
    case 'failed':
      return { kind: 'verified', label: `${execution.stage} failed`, tone: 'error', title: verification.message };
    case 'not-executed':
      return { kind: 'verified', label: 'not executed', tone: 'muted', title: verification.message };
  }
}

/** `pip install '/path/with spaces/x.whl'`: what to paste into a shell. */
export function pipInstallCommand(path: string): string {
  const quoted = /^[\w@%+=:,./\\-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
  return `pip install ${quoted}`;
}

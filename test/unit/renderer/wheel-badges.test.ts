import { describe, expect, it } from 'vitest';
import type { WheelReport } from '../../../src-main/common/wheel-report';
import { wheelReport } from '../../helpers/wheel-report';
import { pipInstallCommand, reportBadges, verificationBadge } from '../../../src-renderer/views/wheels/wheel-badges';

const report = wheelReport;

const labels = (r: WheelReport) => reportBadges(r, false).map((b) => `${b.kind}:${b.label}:${b.tone}`);

describe('wheel badges', () => {
  it('a clean wheel: RECORD and its policy in green, no abi3 badge when abi3 does not apply', () => {
    expect(labels(report())).toEqual(['record:RECORD ✓:ok', 'policy:manylinux_2_17_x86_64:ok']);
  });

  it('problems and missing tools show, in the colour of their severity', () => {
    const r = report({
      record: { status: 'problems', listed: 3, verified: 1 },
      audits: {
        manylinux: { tool: 'auditwheel', status: 'failed', verdict: 'manylinux_2_34_x86_64', detail: '' },
        abi3: { tool: 'abi3audit', status: 'not-run', verdict: 'not installed', detail: '' },
      },
      problems: [
        { id: 'record.hash-mismatch', severity: 'error', message: 'x' },
        { id: 'tags.linux-not-manylinux', severity: 'warn', message: 'y' },
      ],
    });
    expect(labels(r)).toEqual(['record:RECORD ✗:error', 'policy:manylinux_2_34_x86_64:warn', 'abi3:abi3audit: not installed:muted', 'problems:1 error, 1 warning:error']);
  });

  it('says where a wheel was imported, or that it was not executed', () => {
    expect(verificationBadge(undefined).label).toBe('not verified');
    expect(verificationBadge({ status: 'running', jobId: 'j' }).label).toBe('verifying…');
    expect(verificationBadge({ status: 'running', jobId: 'j', waiting: true })).toMatchObject({ label: 'waiting…', title: expect.stringContaining('this one is next') });
    expect(verificationBadge({ status: 'running', jobId: 'j', waiting: false }).label).toBe('verifying…');
    const done = (execution: Parameters<typeof verificationBadge>[0]) => verificationBadge(execution);
    expect(done({ status: 'done', ok: true, message: '', execution: { status: 'imported', runner: 'qemu', python: '', interpreter: '', modules: [], smoke: null, durationMs: 1 } })).toMatchObject({ label: 'imported under qemu', tone: 'ok' });
    expect(done({ status: 'done', ok: true, message: '', execution: { status: 'not-executed', reason: 'Windows' } })).toMatchObject({ label: 'not executed', tone: 'muted' });
    expect(done({ status: 'done', ok: false, message: '', execution: { status: 'failed', runner: 'host', stage: 'install', message: '', output: '', durationMs: 1 } })).toMatchObject({ label: 'install failed', tone: 'error' });
  });

  it('quotes paths with spaces in the pip command', () => {
    expect(pipInstallCommand('/w/a-1-py3-none-any.whl')).toBe('pip install /w/a-1-py3-none-any.whl');
    expect(pipInstallCommand("/My Wheels/it's.whl")).toBe("pip install '/My Wheels/it'\\''s.whl'");
  });
});

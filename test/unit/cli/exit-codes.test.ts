import { describe, expect, it } from 'vitest';
import type { TargetResult } from '../../../src-main/common/domain';
import { buildExitCode, doctorExitCode, projectExitCode } from '../../../src-main/cli/exit-codes';

const target = (status: TargetResult['status']): TargetResult => ({
  target: 'x86_64-unknown-linux-gnu',
  status,
  strategy: 'native',
  wheel: null,
  durationMs: 1,
  peakRssBytes: 0,
  reason: null,
});

describe('exit codes (CLI contract v1)', () => {
  it('build: 0 when every target is ok', () => expect(buildExitCode({ targets: [target('ok'), target('ok')] })).toBe(0));
  it('build: 1 when a target failed or is unavailable', () => {
    expect(buildExitCode({ targets: [target('ok'), target('failed')] })).toBe(1);
    expect(buildExitCode({ targets: [target('unavailable')] })).toBe(1);
  });
  it('build: 1 when nothing was built at all', () => expect(buildExitCode({ targets: [] })).toBe(1));
  it('build: 130 when cancelled, even beside a success', () =>
    expect(buildExitCode({ targets: [target('ok'), target('cancelled')] })).toBe(130));
  it('doctor: 1 only for errors, not warnings', () => {
    const check = (status: 'ok' | 'warn' | 'error') => ({ id: status, title: status, status, detail: '' });
    expect(doctorExitCode({ checks: [check('ok'), check('warn')] })).toBe(0);
    expect(doctorExitCode({ checks: [check('ok'), check('error')] })).toBe(1);
  });
  it('project: 1 for problems with severity error', () => {
    expect(projectExitCode({ problems: [{ id: 'a', severity: 'warn', message: '' }] })).toBe(0);
    expect(projectExitCode({ problems: [{ id: 'a', severity: 'error', message: '' }] })).toBe(1);
  });
});

import { describe, expect, it } from 'vitest';
import { formatDoctor } from '../../../src-main/cli/format-doctor';
import type { DoctorReport } from '../../../src-main/common/domain';

const report: DoctorReport = {
  durationMs: 412,
  checks: [
    { id: 'rust.rustc', area: 'Rust', title: 'Rust compiler (rustc)', status: 'ok', detail: 'rustc 1.95.0 at /r/rustc\nhost: x86_64-unknown-linux-gnu' },
    { id: 'rust.cargo', area: 'Rust', title: 'Cargo', status: 'ok', detail: 'cargo 1.95.0 at /r/cargo' },
    {
      id: 'tool.maturin',
      area: 'maturin',
      title: 'maturin',
      status: 'error',
      detail: 'maturin is not on PATH.\nmaturin builds every wheel.',
      fix: { summary: "Install maturin into Wheelbench's own tools", command: 'wheelbench tools install maturin', id: 'tool.maturin' },
    },
    { id: 'tool.protoc', area: 'Build tools', title: 'protoc', status: 'ok', detail: 'libprotoc 3.21.12' },
    {
      id: 'tool.patchelf',
      area: 'Build tools',
      title: 'patchelf',
      status: 'warn',
      detail: 'patchelf is missing.',
      fix: { summary: 'Install patchelf', command: 'apt-get install -y patchelf', id: 'tool.patchelf', needsConfirmation: true },
    },
    { id: 'tool.sccache', area: 'Build tools', title: 'sccache', status: 'skip', detail: 'sccache is not on PATH.', fix: { summary: 'Optional.' } },
  ],
};

describe('formatDoctor (flutter doctor style)', () => {
  it('prints one line per area, then each problem with its fix and how to run it', () => {
    expect(formatDoctor(report)).toBe(
      [
        'Doctor summary (to see all details, run wheelbench doctor -v):',
        '[✓] Rust — rustc 1.95.0 at /r/rustc',
        '[✗] maturin — maturin is not on PATH.',
        '    maturin builds every wheel.',
        "    → Install maturin into Wheelbench's own tools",
        '      $ wheelbench tools install maturin',
        '      Wheelbench can run it: wheelbench doctor --fix tool.maturin',
        '[!] Build tools — libprotoc 3.21.12',
        '    ! patchelf — patchelf is missing.',
        '      → Install patchelf',
        '        $ apt-get install -y patchelf',
        '        Wheelbench can run it: wheelbench doctor --fix tool.patchelf (it changes the system: it asks first, or add --yes)',
        '',
        '! Doctor found issues in 2 areas: 1 error and 1 warning (412 ms).',
      ].join('\n'),
    );
  });

  it('shows every check and detail with -v', () => {
    const text = formatDoctor(report, { verbose: true });
    expect(text).toContain('    host: x86_64-unknown-linux-gnu');
    expect(text).toContain('    ✓ Cargo — cargo 1.95.0 at /r/cargo');
    expect(text).toContain('    - sccache — sccache is not on PATH.');
  });

  it('says so when there is nothing to fix', () => {
    const clean = { durationMs: 40, checks: report.checks.filter((c) => c.status === 'ok') };
    expect(formatDoctor(clean).split('\n').at(-1)).toBe('• No issues found! (40 ms)');
  });
});

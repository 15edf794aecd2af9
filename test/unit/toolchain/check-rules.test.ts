import { describe, expect, it } from 'vitest';
import { maturinCheck } from '../../../src-main/core/toolchain/checks/maturin-check';
import { zigCheck } from '../../../src-main/core/toolchain/checks/zig-check';
import { managedVenvDir } from '../../../src-main/core/toolchain/managed-tools';

const ctx = { env: { PATH: '/nowhere' }, dataDir: '/data/wheelbench' };

describe('maturin rules', () => {
  it('names the copy on PATH', () => {
    const check = maturinCheck(ctx, { chosen: { path: '/x/maturin', version: '1.16.0', source: 'path' }, broken: [] });
    expect(check).toMatchObject({ status: 'ok', detail: 'maturin 1.16.0, on PATH at /x/maturin' });
    expect(check.fix).toBeUndefined();
  });

  it('names the managed copy', () => {
    const check = maturinCheck(ctx, {
      chosen: { path: '/data/wheelbench/tools/venv/bin/maturin', version: '1.16.0', source: 'managed' },
      broken: [],
    });
    expect(check.detail).toContain(`Wheelbench-managed at ${managedVenvDir(ctx.dataDir)}`);
  });

  it('warns about author metadata before 1.9.2', () => {
    const check = maturinCheck(ctx, { chosen: { path: '/x/maturin', version: '1.9.1', source: 'path' }, broken: [] });
    expect(check.status).toBe('warn');
    expect(check.detail).toContain('writes author metadata wrongly');
    expect(check.fix?.command).toContain("install --upgrade 'maturin>=1.9.2'");
  });

  it('errors when there is none, pointing at the managed install', () => {
    const check = maturinCheck(ctx, { chosen: null, broken: [] });
    expect(check.status).toBe('error');
    expect(check.fix).toEqual({ summary: "Install maturin into Wheelbench's own tools", command: 'wheelbench tools install maturin' });
  });

  it('says why a copy that exists did not count', () => {
    const check = maturinCheck(ctx, {
      chosen: null,
      broken: [{ path: '/x/maturin', source: 'path', problem: 'timed out: `--version` gave no answer within 5 s and was stopped', timedOut: true }],
    });
    expect(check.status).toBe('error');
    expect(check.detail).toContain('The copy on PATH at /x/maturin does not work: timed out');
  });
});

describe('zig rules', () => {
  it('warns, not errors, when zig is simply absent', () => {
    const check = zigCheck(ctx, { chosen: null, brokenSystemZig: null, pythonsAsked: ['/usr/bin/python3'] });
    expect(check.status).toBe('warn');
    expect(check.detail).toContain('only needed for cross-compiled and manylinux builds');
    expect(check.fix?.command).toBe('wheelbench tools install zig');
  });

  it('errors when a zig on PATH is broken and nothing else works', () => {
    const check = zigCheck(ctx, {
      chosen: null,
      brokenSystemZig: { path: '/x/zig', source: 'path', problem: '`version` exited with code 1', timedOut: false },
      pythonsAsked: [],
    });
    expect(check.status).toBe('error');
  });

  it('describes the ziglang package it found', () => {
    const check = zigCheck(ctx, {
      chosen: { kind: 'ziglang', python: '/usr/bin/python3', version: '0.15.1', source: 'path' },
      brokenSystemZig: null,
      pythonsAsked: ['/usr/bin/python3'],
    });
    expect(check.status).toBe('ok');
    expect(check.detail).toContain('zig 0.15.1 from the ziglang package of /usr/bin/python3');
  });
});

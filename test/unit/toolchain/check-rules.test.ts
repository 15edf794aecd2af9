import { describe, expect, it } from 'vitest';
import { maturinCheck } from '../../../src-main/core/toolchain/checks/maturin-check';
import { zigCheck } from '../../../src-main/core/toolchain/checks/zig-check';
import { managedVenvDir } from '../../../src-main/core/toolchain/managed-tools';

const ctx = { env: { PATH: '/nowhere' }, dataDir: '/data/wheelbench' };

describe('maturin rules', () => {
  it('names the copy on PATH', () => {
    const check = maturinCheck(ctx, { chosen: { path: '/x/maturin', version: '1.16.0', source: 'path' }, broken: [], passedOver: null });
    expect(check).toMatchObject({ status: 'ok', detail: 'maturin 1.16.0, on PATH at /x/maturin' });
    expect(check.fix).toBeUndefined();
  });

  it('names the managed copy', () => {
    const check = maturinCheck(ctx, {
      chosen: { path: '/data/wheelbench/tools/venv/bin/maturin', version: '1.16.0', source: 'managed' },
      broken: [],
      passedOver: null,
    });
    expect(check.detail).toContain(`Wheelbench-managed at ${managedVenvDir(ctx.dataDir)}`);
  });

  it('warns about author metadata before 1.9.2, with a one-click managed maturin and the upgrade command', () => {
    const check = maturinCheck(ctx, { chosen: { path: '/x/maturin', version: '1.9.1', source: 'path' }, broken: [], passedOver: null });
    expect(check.status).toBe('warn');
    expect(check.detail).toContain('maturin 1.9.1 writes the author metadata of wheels wrongly (fixed in 1.9.2)');
    expect(check.fix).toMatchObject({ id: 'tool.maturin', command: 'wheelbench tools install maturin', action: { kind: 'install-managed', tools: ['maturin'] } });
    expect(check.fix?.summary).toContain("pip install --upgrade 'maturin>=1.10.0'");
  });

  it('warns that 1.9.3 may tag zig-built wheels linux_*', () => {
    const check = maturinCheck(ctx, { chosen: { path: '/x/maturin', version: '1.9.3', source: 'path' }, broken: [], passedOver: null });
    expect(check.status).toBe('warn');
    expect(check.detail).toContain('may tag wheels built with --zig `linux_*` instead of manylinux');
    expect(check.detail).not.toContain('author metadata');
  });

  it('says when a known-bad maturin on PATH was passed over for the managed one', () => {
    const check = maturinCheck(ctx, {
      chosen: { path: '/data/wheelbench/tools/venv/bin/maturin', version: '1.16.0', source: 'managed' },
      broken: [],
      passedOver: { path: '/x/maturin', version: '1.9.1', source: 'path' },
    });
    expect(check.status).toBe('ok');
    expect(check.detail).toContain('Passed over: maturin 1.9.1 on PATH at /x/maturin, which writes the author metadata of wheels wrongly');
  });

  it('errors when there is none, pointing at the managed install', () => {
    const check = maturinCheck(ctx, { chosen: null, broken: [], passedOver: null });
    expect(check.status).toBe('error');
    expect(check.fix).toMatchObject({ summary: "Install maturin into Wheelbench's own tools", command: 'wheelbench tools install maturin', id: 'tool.maturin' });
  });

  it('says why a copy that exists did not count', () => {
    const check = maturinCheck(ctx, {
      chosen: null,
      broken: [{ path: '/x/maturin', source: 'path', problem: 'timed out: `--version` gave no answer within 5 s and was stopped', timedOut: true }],
      passedOver: null,
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

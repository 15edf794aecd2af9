import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolvePyenvShim } from '../../../src-main/core/process/pyenv-shims';

// A pyenv root laid out as pyenv lays it out, with a shim as pyenv writes it.
const root = mkdtempSync(join(tmpdir(), 'wb-pyenv-'));
const project = join(root, 'project', 'src');
const system = join(root, 'usr-bin');
afterAll(() => rmSync(root, { recursive: true, force: true }));

function executable(path: string, body = '#!/bin/sh\n'): string {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, body);
  chmodSync(path, 0o755);
  return path;
}

const shim = executable(join(root, 'shims', 'python3'), `#!/usr/bin/env bash\nset -e\nexport PYENV_ROOT="${root}"\nexec "${root}/libexec/pyenv" exec "$program" "$@"\n`);
const py311 = executable(join(root, 'versions', '3.11.7', 'bin', 'python3'));
const py312 = executable(join(root, 'versions', '3.12.1', 'bin', 'python3'));
const systemPython = executable(join(system, 'python3'));
mkdirSync(project, { recursive: true });
writeFileSync(join(root, 'version'), '3.11.7\n');
const env = { PATH: [join(root, 'shims'), system].join(':'), PYENV_ROOT: root };

describe('resolvePyenvShim', () => {
  it('leaves files that are not shims alone', () => {
    expect(resolvePyenvShim(py311, env, project)).toEqual({ kind: 'not-a-shim' });
  });

  it('follows the global version file', () => {
    expect(resolvePyenvShim(shim, env, project)).toMatchObject({ kind: 'resolved', executable: py311, version: '3.11.7' });
  });

  it('prefers PYENV_VERSION, then .python-version from the working directory up', () => {
    expect(resolvePyenvShim(shim, { ...env, PYENV_VERSION: '3.12.1' }, project)).toMatchObject({ executable: py312 });
    writeFileSync(join(root, 'project', '.python-version'), '3.12.1\n');
    expect(resolvePyenvShim(shim, env, project)).toMatchObject({ executable: py312, version: '3.12.1' });
    rmSync(join(root, 'project', '.python-version'));
  });

  it('finds `system` on PATH behind the shims', () => {
    expect(resolvePyenvShim(shim, { ...env, PYENV_VERSION: 'system' }, project)).toMatchObject({ executable: systemPython, version: 'system' });
  });

  it('says what pyenv would say when no selected version has the command', () => {
    const resolution = resolvePyenvShim(shim, { ...env, PYENV_VERSION: '3.99.0', PATH: join(root, 'shims') }, project);
    expect(resolution).toMatchObject({ kind: 'unresolved', versions: ['3.99.0'] });
    if (resolution.kind === 'unresolved') expect(resolution.message).toBe('pyenv: python3: command not found (not in the active version 3.99.0)');
  });
});

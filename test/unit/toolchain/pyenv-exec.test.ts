import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pastPyenvShim } from '../../../src-main/core/process/pyenv-exec';
import { runCaptured } from '../../../src-main/core/process/spawn';

// The spawn funnel runs a pyenv shim the way `pyenv exec` would: the selected version's executable,
// PYENV_VERSION exported, that version's bin dir first on PATH. This pyenv root has no libexec/pyenv,
// so running a shim itself fails: a tool that answers proves the shim was passed over.

const root = mkdtempSync(join(tmpdir(), 'wb-pyenv-exec-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function executable(path: string, body: string): string {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, body);
  chmodSync(path, 0o755);
  return path;
}

const shimBody = (program: string) => `#!/usr/bin/env bash\nset -e\nprogram="${program}"\nexport PYENV_ROOT="${root}"\nexec "${root}/libexec/pyenv" exec "$program" "$@"\n`;
const reporter = '#!/bin/sh\necho "ran $0 version=$PYENV_VERSION path-head=${PATH%%:*}"\n';
const shims = join(root, 'shims');
executable(join(shims, 'maturin'), shimBody('maturin'));
executable(join(shims, 'pip'), shimBody('pip'));
const realMaturin = executable(join(root, 'versions', '3.12.1', 'bin', 'maturin'), reporter);
executable(join(root, 'versions', '3.12.1', 'bin', 'pip'), reporter);
writeFileSync(join(root, 'version'), '3.12.1\n');
const env = { PATH: [shims, '/usr/bin', '/bin'].join(delimiter), PYENV_ROOT: root, HOME: root };

describe('pastPyenvShim', () => {
  it('turns a shim into the executable pyenv exec would run, with its environment', () => {
    const direct = pastPyenvShim({ file: join(shims, 'maturin'), args: ['--version'], baseEnv: env, cwd: root });
    expect(direct.file).toBe(realMaturin);
    expect(direct.envDelta).toEqual({ PYENV_VERSION: '3.12.1', PATH: `${join(root, 'versions', '3.12.1', 'bin')}${delimiter}${env.PATH}` });
  });

  it('finds a shim by name on PATH too, and leaves what is not a shim alone', () => {
    expect(pastPyenvShim({ file: 'maturin', args: [], baseEnv: env, cwd: root }).file).toBe(realMaturin);
    const plain = { file: '/bin/sh', args: [], baseEnv: env };
    expect(pastPyenvShim(plain)).toBe(plain);
  });

  it('keeps the shim for pip (pyenv rehashes after installs) and where pyenv has exec hooks of others', () => {
    const pip = { file: join(shims, 'pip'), args: ['install', 'x'], baseEnv: env, cwd: root };
    expect(pastPyenvShim(pip)).toBe(pip);
    const hooks = mkdtempSync(join(tmpdir(), 'wb-pyenv-hooks-'));
    executable(join(hooks, 'exec', 'activate-something.bash'), 'true\n');
    const hooked = { file: join(shims, 'maturin'), args: [], baseEnv: { ...env, PYENV_HOOK_PATH: hooks }, cwd: root };
    expect(pastPyenvShim(hooked)).toBe(hooked);
    rmSync(hooks, { recursive: true, force: true });
  });

  it('keeps a shim pyenv itself could not resolve, so pyenv says why', () => {
    const unknown = { file: join(shims, 'maturin'), args: [], baseEnv: { ...env, PYENV_VERSION: '3.99.0' }, cwd: root };
    expect(pastPyenvShim(unknown)).toBe(unknown);
  });

  it('is what the spawn funnel runs', async () => {
    const run = await runCaptured({ file: join(shims, 'maturin'), args: [], baseEnv: env, cwd: root });
    expect(run.exitCode).toBe(0);
    expect(run.stdout.trim()).toBe(`ran ${realMaturin} version=3.12.1 path-head=${join(root, 'versions', '3.12.1', 'bin')}`);
  });
});

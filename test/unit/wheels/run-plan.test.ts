import { describe, expect, it } from 'vitest';
import { describeWanted, fitsTags, parsePythonFacts } from '../../../src-main/core/wheels/verify/interpreter-choice';
import { planExecution, type HostFacts } from '../../../src-main/core/wheels/verify/run-plan';
import { parseWheelFileName } from '../../../src-main/core/wheels/wheel-name';

const linux: HostFacts = { os: 'linux', arch: 'x86_64', glibc: [2, 36] };
const tags = (fileName: string) => parseWheelFileName(fileName)?.tags ?? [];
const plan = (fileName: string, host = linux, root = false) => planExecution(tags(fileName), host, root);

describe('where a wheel runs', () => {
  it('runs host-compatible wheels here', () => {
    expect(plan('a-1-cp39-abi3-manylinux_2_34_x86_64.whl')).toEqual({ kind: 'host' });
    expect(plan('a-1-py3-none-any.whl')).toEqual({ kind: 'host' });
    expect(plan('a-1-cp39-abi3-linux_x86_64.whl')).toEqual({ kind: 'host' });
  });

  it('runs foreign Linux architectures under qemu', () => {
    expect(plan('a-1-cp39-abi3-manylinux2014_aarch64.manylinux_2_17_aarch64.whl')).toMatchObject({ kind: 'qemu', foreign: { qemu: 'qemu-aarch64', debian: 'arm64' } });
    expect(plan('a-1-cp39-abi3-manylinux_2_17_armv7l.whl')).toMatchObject({ kind: 'qemu', foreign: { qemu: 'qemu-arm', debian: 'armhf' } });
  });

  it('labels what cannot run here, and says why', () => {
    expect(plan('a-1-cp39-abi3-win_amd64.whl')).toMatchObject({ kind: 'none', reason: expect.stringContaining('Windows wheels cannot be run on Linux') });
    expect(plan('a-1-cp39-abi3-macosx_11_0_arm64.whl')).toMatchObject({ kind: 'none', reason: expect.stringContaining('macOS wheels') });
    expect(plan('a-1-cp39-abi3-manylinux_2_39_x86_64.whl')).toMatchObject({ kind: 'none', reason: expect.stringContaining('needs glibc 2.39') });
    expect(plan('a-1-cp39-abi3-musllinux_1_2_aarch64.whl')).toMatchObject({ kind: 'none', reason: expect.stringContaining('needs a musl Python') });
    expect(plan('a-1-cp39-abi3-musllinux_1_2_aarch64.whl', linux, true)).toMatchObject({ kind: 'qemu', libc: 'musl' });
  });
});

describe('which Python fits', () => {
  const cpython = (minor: number) => ({ implementation: 'cpython', version: [3, minor, 0] as const, machine: 'x86_64' });
  it('abi3 takes any newer CPython; version-specific tags take that version only', () => {
    expect(fitsTags(tags('a-1-cp39-abi3-any.whl'), cpython(11))).toBe(true);
    expect(fitsTags(tags('a-1-cp39-abi3-any.whl'), cpython(8))).toBe(false);
    expect(fitsTags(tags('a-1-cp311-cp311-any.whl'), cpython(11))).toBe(true);
    expect(fitsTags(tags('a-1-cp311-cp311-any.whl'), cpython(12))).toBe(false);
    expect(fitsTags(tags('a-1-pp310-pypy310_pp73-any.whl'), cpython(10))).toBe(false);
    expect(fitsTags(tags('a-1-py3-none-any.whl'), cpython(13))).toBe(true);
    expect(describeWanted(tags('a-1-cp39-abi3-any.whl'))).toBe('CPython ≥ 3.9');
  });

  it('reads the probe line', () => {
    expect(parsePythonFacts('noise\ncpython 3 11 7 x86_64\n')).toEqual({ implementation: 'cpython', version: [3, 11, 7], machine: 'x86_64' });
  });
});

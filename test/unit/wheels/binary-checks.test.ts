import { describe, expect, it } from 'vitest';
import { checkBinaries, type BinaryUnderCheck } from '../../../src-main/core/wheels/checks/binary-checks';
import { extensionModuleOf } from '../../../src-main/core/wheels/wheel-layout';
import { parseWheelFileName } from '../../../src-main/core/wheels/wheel-name';

function binary(path: string, over: Partial<BinaryUnderCheck> = {}): BinaryUnderCheck {
  const moduleName = extensionModuleOf(path);
  return {
    path,
    format: 'elf',
    architectures: ['x86_64'],
    sizeBytes: 1000,
    module: moduleName ? { name: moduleName.module, initSymbol: moduleName.initSymbol, exportsInit: true, suffix: moduleName.suffix } : null,
    needs: ['libc.so.6'],
    linkage: null,
    moduleName,
    exportsNote: null,
    ...over,
  };
}

const tags = (fileName: string) => parseWheelFileName(fileName)?.tags ?? [];
const ids = (problems: readonly { id: string }[]) => problems.map((p) => p.id);

describe('binary checks', () => {
  it('passes an extension module that fits its tags', () => {
    expect(checkBinaries([binary('hello/_native.abi3.so')], tags('hello-0.1-cp39-abi3-manylinux_2_17_x86_64.whl'))).toEqual([]);
  });

  it('catches an architecture that contradicts the tag', () => {
    const [problem] = checkBinaries([binary('hello/_native.abi3.so', { architectures: ['aarch64'] })], tags('hello-0.1-cp39-abi3-manylinux_2_17_x86_64.whl'));
    expect(problem?.id).toBe('binary.arch-mismatch');
    expect(problem?.message).toBe('hello/_native.abi3.so is built for aarch64, but the wheel is tagged manylinux_2_17_x86_64: pip installs it on x86_64 machines and the import fails there.');
  });

  it('catches a universal2 wheel with one architecture, and a Windows binary in a Linux wheel', () => {
    const mac = binary('hello/_native.abi3.so', { format: 'macho', architectures: ['arm64'] });
    expect(checkBinaries([mac], tags('hello-0.1-cp39-abi3-macosx_10_12_universal2.whl'))[0]?.message).toContain('contains only arm64, but macosx_10_12_universal2 promises x86_64 and arm64');
    const pe = binary('hello/_native.pyd', { format: 'pe' });
    expect(ids(checkBinaries([pe], tags('hello-0.1-cp39-abi3-manylinux_2_17_x86_64.whl')))).toEqual(['binary.format-mismatch', 'binary.extension-mismatch']);
  });

  it('catches a missing PyInit export with the error Python would give', () => {
    const b = binary('hello/_native.abi3.so');
    const [problem] = checkBinaries([{ ...b, module: { ...(b.module as NonNullable<typeof b.module>), exportsInit: false } }], tags('hello-0.1-cp39-abi3-linux_x86_64.whl'));
    expect(problem?.id).toBe('binary.no-pyinit');
    expect(problem?.message).toContain('dynamic module does not define module export function (PyInit__native)');
  });

  it('catches module names only some Pythons import', () => {
    const abi3 = tags('hello-0.1-cp39-abi3-manylinux_2_17_x86_64.whl');
    expect(ids(checkBinaries([binary('hello/_native.cpython-311-x86_64-linux-gnu.so')], abi3))).toEqual(['binary.abi3-suffix']);
    expect(ids(checkBinaries([binary('hello/_native.cpython-311-x86_64-linux-gnu.so')], tags('hello-0.1-cp312-cp312-manylinux_2_17_x86_64.whl')))).toEqual(['binary.version-suffix']);
    expect(ids(checkBinaries([binary('hello/_native.cpython-312-aarch64-linux-gnu.so')], tags('hello-0.1-cp312-cp312-manylinux_2_17_x86_64.whl')))).toEqual(['binary.suffix-arch']);
    expect(ids(checkBinaries([binary('hello/_native.cpython-311.so')], tags('hello-0.1-cp311-cp311-linux_x86_64.whl')))).toEqual(['binary.unknown-suffix']);
  });

  it('catches the wrong libc and a linked libpython', () => {
    const musl = binary('hello/_native.abi3.so', { needs: ['libc.musl-x86_64.so.1'] });
    expect(ids(checkBinaries([musl], tags('hello-0.1-cp39-abi3-manylinux_2_17_x86_64.whl')))).toEqual(['binary.libc-mismatch']);
    const linked = binary('hello/_native.abi3.so', { needs: ['libpython3.11.so.1.0', 'libc.so.6'] });
    expect(ids(checkBinaries([linked], tags('hello-0.1-cp39-abi3-manylinux_2_17_x86_64.whl')))).toEqual(['binary.links-libpython']);
  });
});

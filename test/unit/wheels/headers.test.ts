import { describe, expect, it } from 'vitest';
import { parseHeaders, readMetadata, readWheelFile } from '../../../src-main/core/wheels/headers';

describe('WHEEL and METADATA headers', () => {
  it('reads repeated keys, continuation lines, and stops at the body', () => {
    const headers = parseHeaders('Name: demo\nRequires-Dist: a\nRequires-Dist: b ; extra == "x"\nDescription: first\n        second\n\nBody: not a header\n');
    expect(headers.get('requires-dist')).toEqual(['a', 'b ; extra == "x"']);
    expect(headers.get('description')).toEqual(['first\nsecond']);
    expect(headers.has('body')).toBe(false);
  });

  it('reads the WHEEL file maturin writes', () => {
    expect(readWheelFile('Wheel-Version: 1.0\nGenerator: maturin (1.16.0)\nRoot-Is-Purelib: false\nTag: cp39-abi3-manylinux2014_aarch64\nTag: cp39-abi3-manylinux_2_17_aarch64\n')).toEqual({
      wheelVersion: '1.0',
      generator: 'maturin (1.16.0)',
      rootIsPurelib: false,
      tags: [
        { python: 'cp39', abi: 'abi3', platform: 'manylinux2014_aarch64' },
        { python: 'cp39', abi: 'abi3', platform: 'manylinux_2_17_aarch64' },
      ],
    });
  });

  it('reads METADATA fields, preferring License-Expression', () => {
    const m = readMetadata('Metadata-Version: 2.4\nName: hello-pyo3\nVersion: 0.1.0\nAuthor-email: Ana <ana@example.org>\nLicense: old\nLicense-Expression: MIT\nRequires-Python: >=3.9\n\nlong text');
    expect(m).toMatchObject({ metadataVersion: '2.4', name: 'hello-pyo3', version: '0.1.0', authorEmail: 'Ana <ana@example.org>', license: 'MIT', requiresPython: '>=3.9', requiresDist: [] });
  });
});

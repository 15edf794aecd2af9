import { describe, expect, it } from 'vitest';
import { checkDistInfo, checkMetadata, splitAddresses } from '../../../src-main/core/wheels/checks/metadata-checks';
import { readMetadata } from '../../../src-main/core/wheels/headers';
import { parseWheelFileName } from '../../../src-main/core/wheels/wheel-name';

const name = parseWheelFileName('hello_pyo3-0.1.0-cp39-abi3-manylinux_2_34_x86_64.whl');
if (!name) throw new Error('parse');
const meta = (extra: string) => readMetadata(`Metadata-Version: 2.4\nName: hello-pyo3\nVersion: 0.1.0\n${extra}`);

describe('metadata checks', () => {
  it('accepts METADATA that matches the file name (names compared normalized)', () => {
    expect(checkMetadata(name, meta('Author-email: "Doe, Jane" <jane@example.org>, bob@example.org\n'), 'M')).toEqual([]);
    expect(checkDistInfo(name, ['hello_pyo3-0.1.0.dist-info'])).toEqual([]);
  });

  it('flags a version or name that differs from the file name', () => {
    const problems = checkMetadata(name, readMetadata('Metadata-Version: 2.4\nName: other\nVersion: 0.2.0\n'), 'M');
    expect(problems.map((p) => p.id)).toEqual(['metadata.name-mismatch', 'metadata.version-mismatch']);
    expect(problems[1]?.message).toBe('METADATA says version 0.2.0 but the file name says 0.1.0: pip refuses the wheel.');
    expect(checkDistInfo(name, ['hello_pyo3-0.2.0.dist-info'])[0]?.id).toBe('dist-info.name-mismatch');
    expect(checkDistInfo(name, [])[0]?.id).toBe('dist-info.missing');
  });

  it('flags author e-mail fields PyPI rejects', () => {
    const [problem] = checkMetadata(name, meta('Author-email: Ankitects Pty Ltd and contributors\n'), 'M');
    expect(problem?.id).toBe('metadata.bad-email');
    expect(problem?.message).toContain('"Ankitects Pty Ltd and contributors"');
    expect(problem?.message).toContain('PyPI rejects the upload');
  });

  it('splits address lists on commas outside quotes and brackets', () => {
    expect(splitAddresses('"Doe, Jane" <j@x.org>, b@x.org')).toEqual(['"Doe, Jane" <j@x.org>', 'b@x.org']);
  });
});

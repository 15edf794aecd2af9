import { describe, expect, it } from 'vitest';
import { judgeAbi3, minimumAbi3 } from '../../../src-main/core/wheels/audits/abi3audit';
import { judgePolicy } from '../../../src-main/core/wheels/audits/auditwheel';

const WHEEL = '/w/hello-0.1-cp39-abi3-linux_x86_64.whl';

describe("auditwheel's verdict against the tags", () => {
  it('passes a wheel whose claim matches', () => {
    expect(judgePolicy({ overall_tag: 'manylinux_2_17_aarch64', external_libs: {} }, ['manylinux2014_aarch64', 'manylinux_2_17_aarch64'], WHEEL)).toMatchObject({
      result: { status: 'passed', verdict: 'manylinux_2_17_aarch64' },
      problems: [],
    });
  });

  it('says a linux_* wheel only needs a new tag when its binaries already meet a policy', () => {
    const { result, problems } = judgePolicy({ overall_tag: 'manylinux_2_34_x86_64' }, ['linux_x86_64'], WHEEL);
    expect(result.status).toBe('failed');
    expect(problems[0]).toMatchObject({ id: 'tags.linux-not-manylinux', severity: 'warn' });
    expect(problems[0]?.message).toBe('The wheel is tagged linux_x86_64, which PyPI rejects, but its binaries already meet manylinux_2_34_x86_64: only the tag is wrong.');
    expect(problems[0]?.fix?.command).toBe(`auditwheel repair "${WHEEL}" -w "/w"`);
  });

  it('catches a claim older than the binaries allow, and a claim no policy meets', () => {
    expect(judgePolicy({ overall_tag: 'manylinux_2_34_x86_64' }, ['manylinux_2_17_x86_64'], WHEEL).problems[0]?.id).toBe('policy.too-new');
    const none = judgePolicy({ overall_tag: 'linux_x86_64', external_libs: { 'libfoo.so.1': '/usr/lib/libfoo.so.1' } }, ['manylinux_2_17_x86_64'], WHEEL);
    expect(none.problems[0]?.id).toBe('policy.not-compliant');
    expect(none.problems[0]?.message).toContain('it needs libfoo.so.1');
  });
});

describe("abi3audit's verdict", () => {
  it('passes limited-API use within the claimed floor', () => {
    const report = { specs: { w: { wheel: [{ name: '_native.abi3.so', result: { is_abi3: true, baseline: '3.9', computed: '3.7', non_abi3_symbols: [] } }] } } };
    expect(judgeAbi3(report, '3.9').result).toMatchObject({ status: 'passed', verdict: 'abi3 ≥ 3.7' });
  });

  it('names symbols outside the limited API and functions newer than the floor', () => {
    const report = { specs: { w: { wheel: [{ name: '_native.abi3.so', result: { is_abi3: true, baseline: '3.9', computed: '3.12', non_abi3_symbols: ['_PyObject_GC_New'] } }] } } };
    const { result, problems } = judgeAbi3(report, '3.9');
    expect(result).toMatchObject({ status: 'failed', verdict: '2 violations' });
    expect(problems.map((p) => p.id)).toEqual(['abi3.non-limited-symbols', 'abi3.newer-than-claimed']);
    expect(problems[1]?.message).toContain('from Python 3.12, but the wheel claims abi3 from 3.9');
  });

  it('reads the floor from the tags', () => {
    expect(minimumAbi3([{ python: 'cp39', abi: 'abi3', platform: 'any' }])).toBe('3.9');
    expect(minimumAbi3([{ python: 'cp311', abi: 'cp311', platform: 'any' }])).toBeNull();
  });
});

import type { WheelReport } from '../../src-main/common/wheel-report';

/** A clean report of a small wheel, for tests that vary a few of its fields. */
export const wheelReport = (over: Partial<WheelReport> = {}): WheelReport => ({
  path: '/w/a.whl',
  fileName: 'a.whl',
  sizeBytes: 1,
  distribution: 'a',
  version: '1',
  tags: [],
  wheelFile: null,
  metadata: null,
  record: { status: 'ok', listed: 3, verified: 2 },
  binaries: [],
  importNames: [],
  audits: {
    manylinux: { tool: 'auditwheel', status: 'passed', verdict: 'manylinux_2_17_x86_64', detail: '' },
    abi3: { tool: 'abi3audit', status: 'not-applicable', verdict: 'n/a', detail: '' },
  },
  fileCount: 3,
  unpackedBytes: 3,
  largestFiles: [],
  problems: [],
  verdict: 'ok',
  durationMs: 1,
  auditDigest: null,
  ...over,
});

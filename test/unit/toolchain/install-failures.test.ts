import { describe, expect, it } from 'vitest';
import { explainPipFailure, explainVenvFailure } from '../../../src-main/core/toolchain/install-failures';

const RETRY = 'wheelbench tools install maturin';

describe('explainPipFailure', () => {
  it('recognises an offline machine', () => {
    const output = [
      "WARNING: Retrying (Retry(total=4, connect=None, read=None, redirect=None, status=None)) after connection broken by 'NewConnectionError('<pip._vendor.urllib3.connection.HTTPSConnection object at 0x7f>: Failed to establish a new connection: [Errno -3] Temporary failure in name resolution')': /simple/maturin/",
      'ERROR: Could not find a version that satisfies the requirement maturin (from versions: none)',
      'ERROR: No matching distribution found for maturin',
    ].join('\n');
    const message = explainPipFailure(output, ['maturin'], RETRY);
    expect(message).toMatch(/offline or behind a proxy/);
    expect(message).toContain(RETRY);
  });

  it('recognises a missing release when the index answered', () => {
    const output = 'ERROR: Could not find a version that satisfies the requirement ziglang==9.9 (from versions: 0.13.0, 0.14.1)\nERROR: No matching distribution found for ziglang==9.9';
    expect(explainPipFailure(output, ['ziglang'], RETRY)).toMatch(/no release of ziglang for this platform/);
  });

  it('treats an index that lists no release at all as unreachable', () => {
    const output = 'ERROR: Could not find a version that satisfies the requirement maturin (from versions: none)\nERROR: No matching distribution found for maturin';
    expect(explainPipFailure(output, ['maturin'], RETRY)).toMatch(/offline or behind a proxy/);
  });

  it('recognises a full disk', () => {
    expect(explainPipFailure('OSError: [Errno 28] No space left on device', ['maturin'], RETRY)).toMatch(/disk is full/);
  });

  it('quotes the last error line otherwise', () => {
    const message = explainPipFailure('Collecting maturin\nERROR: something unexpected happened\n', ['maturin'], RETRY);
    expect(message).toContain('ERROR: something unexpected happened');
    expect(message).toContain(RETRY);
  });
});

describe('explainVenvFailure', () => {
  it('names the Debian package when ensurepip is missing', () => {
    const output = 'The virtual environment was not created successfully because ensurepip is not\navailable.  On Debian/Ubuntu systems, you need to install the python3-venv\npackage';
    expect(explainVenvFailure(output, '/usr/bin/python3.11', '3.11.2')).toMatch(/sudo apt-get install python3\.11-venv/);
  });

  it('falls back to the last line', () => {
    expect(explainVenvFailure('Error: [Errno 13] Permission denied', '/usr/bin/python3', '3.11.2')).toContain('Permission denied');
  });
});

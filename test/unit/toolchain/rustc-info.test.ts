import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { installedStdTriples, parseRustcVerbose } from '../../../src-main/core/toolchain/rustc-info';

const RUSTUP_STABLE = `rustc 1.95.0 (59807616e 2026-04-14)
binary: rustc
commit-hash: 59807616e1fa2540724bfbac14d7976d7e4a3860
commit-date: 2026-04-14
host: x86_64-unknown-linux-gnu
release: 1.95.0
LLVM version: 22.1.2
`;

describe('parseRustcVerbose', () => {
  it('reads release, host and the banner line', () => {
    expect(parseRustcVerbose(RUSTUP_STABLE)).toEqual({
      banner: 'rustc 1.95.0 (59807616e 2026-04-14)',
      release: '1.95.0',
      host: 'x86_64-unknown-linux-gnu',
    });
  });

  it('handles CRLF output and nightly releases', () => {
    const windows = 'rustc 1.97.0-nightly (abc 2026-05-01)\r\nbinary: rustc\r\nhost: x86_64-pc-windows-msvc\r\nrelease: 1.97.0-nightly\r\n';
    expect(parseRustcVerbose(windows)).toMatchObject({ release: '1.97.0-nightly', host: 'x86_64-pc-windows-msvc' });
  });

  it('handles a Debian rustc without commit lines', () => {
    const debian = 'rustc 1.63.0\nbinary: rustc\ncommit-hash: unknown\ncommit-date: unknown\nhost: aarch64-unknown-linux-gnu\nrelease: 1.63.0\nLLVM version: 14.0.6\n';
    expect(parseRustcVerbose(debian)).toMatchObject({ release: '1.63.0', host: 'aarch64-unknown-linux-gnu' });
  });

  it('returns null for garbage or a missing host line', () => {
    expect(parseRustcVerbose('')).toBeNull();
    expect(parseRustcVerbose('Segmentation fault')).toBeNull();
    expect(parseRustcVerbose('rustc 1.95.0\nrelease: 1.95.0\n')).toBeNull();
  });
});

describe('installedStdTriples', () => {
  let sysroot = '';
  afterEach(() => rmSync(sysroot, { recursive: true, force: true }));

  it('lists only triples whose lib dir holds a libstd rlib', () => {
    sysroot = mkdtempSync(join(tmpdir(), 'wb-sysroot-'));
    const lib = (triple: string) => join(sysroot, 'lib', 'rustlib', triple, 'lib');
    mkdirSync(lib('x86_64-unknown-linux-gnu'), { recursive: true });
    writeFileSync(join(lib('x86_64-unknown-linux-gnu'), 'libstd-0123abcd.rlib'), '');
    mkdirSync(lib('aarch64-unknown-linux-gnu'), { recursive: true });
    writeFileSync(join(lib('aarch64-unknown-linux-gnu'), 'libcore-0123abcd.rlib'), '');
    mkdirSync(join(sysroot, 'lib', 'rustlib', 'etc'), { recursive: true });
    writeFileSync(join(sysroot, 'lib', 'rustlib', 'components'), 'rust-std\n');
    return expect(installedStdTriples(sysroot)).resolves.toEqual(['x86_64-unknown-linux-gnu']);
  });

  it('returns an empty list for a sysroot that does not exist', async () => {
    sysroot = join(tmpdir(), 'wb-no-such-sysroot');
    expect(await installedStdTriples(sysroot)).toEqual([]);
  });
});

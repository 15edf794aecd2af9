import { describe, expect, it } from 'vitest';
import { resolveTargetTriple, stdTriplesFor, TARGET_ALIASES } from '../../../src-main/core/toolchain/targets-aliases';

const HOST = 'x86_64-unknown-linux-gnu';

describe('resolveTargetTriple', () => {
  it('maps the Linux aliases', () => {
    expect(resolveTargetTriple('linux-x86_64', HOST)).toBe('x86_64-unknown-linux-gnu');
    expect(resolveTargetTriple('linux-aarch64', HOST)).toBe('aarch64-unknown-linux-gnu');
    expect(resolveTargetTriple('linux-armv7', HOST)).toBe('armv7-unknown-linux-gnueabihf');
    expect(resolveTargetTriple('musllinux-aarch64', HOST)).toBe('aarch64-unknown-linux-musl');
  });

  it('maps the Windows and macOS aliases', () => {
    expect(resolveTargetTriple('windows-x86_64', HOST)).toBe('x86_64-pc-windows-msvc');
    expect(resolveTargetTriple('windows-arm64', HOST)).toBe('aarch64-pc-windows-msvc');
    expect(resolveTargetTriple('macos-arm64', HOST)).toBe('aarch64-apple-darwin');
    expect(resolveTargetTriple('macos-universal2', HOST)).toBe('universal2-apple-darwin');
  });

  it('maps host to the host triple, and to null when the host is unknown', () => {
    expect(resolveTargetTriple('host', HOST)).toBe(HOST);
    expect(resolveTargetTriple('host', 'aarch64-apple-darwin')).toBe('aarch64-apple-darwin');
    expect(resolveTargetTriple('host', null)).toBeNull();
  });

  it('passes triples through', () => {
    expect(resolveTargetTriple('aarch64-unknown-linux-gnu', HOST)).toBe('aarch64-unknown-linux-gnu');
    expect(resolveTargetTriple('x86_64-pc-windows-gnu', HOST)).toBe('x86_64-pc-windows-gnu');
    expect(resolveTargetTriple('wasm32-wasip1', HOST)).toBe('wasm32-wasip1');
    expect(resolveTargetTriple(' i686-unknown-linux-gnu ', HOST)).toBe('i686-unknown-linux-gnu');
  });

  it('rejects names that are neither', () => {
    expect(resolveTargetTriple('linux', HOST)).toBeNull();
    expect(resolveTargetTriple('', HOST)).toBeNull();
    expect(resolveTargetTriple('rm -rf /', HOST)).toBeNull();
    expect(resolveTargetTriple('Linux-X86_64', HOST)).toBeNull();
  });

  it('lists every alias the CLI documents', () => {
    expect(TARGET_ALIASES).toEqual(
      expect.arrayContaining(['host', 'linux-x86_64', 'linux-aarch64', 'linux-armv7', 'musllinux-x86_64', 'musllinux-aarch64', 'windows-x86_64', 'windows-arm64', 'macos-x86_64', 'macos-arm64', 'macos-universal2']),
    );
  });
});

describe('stdTriplesFor', () => {
  it('needs both macOS std libraries for universal2', () => {
    expect(stdTriplesFor('universal2-apple-darwin')).toEqual(['x86_64-apple-darwin', 'aarch64-apple-darwin']);
    expect(stdTriplesFor('aarch64-unknown-linux-gnu')).toEqual(['aarch64-unknown-linux-gnu']);
  });
});

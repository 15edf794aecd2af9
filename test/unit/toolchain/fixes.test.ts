import { describe, expect, it } from 'vitest';
import { addTargetFix, debianArchFor } from '../../../src-main/core/toolchain/fixes';

describe('debianArchFor', () => {
  it('maps glibc Linux triples to Debian architectures', () => {
    expect(debianArchFor('aarch64-unknown-linux-gnu')).toBe('arm64');
    expect(debianArchFor('x86_64-unknown-linux-gnu')).toBe('amd64');
    expect(debianArchFor('armv7-unknown-linux-gnueabihf')).toBe('armhf');
  });

  it('has no answer for other systems', () => {
    expect(debianArchFor('x86_64-pc-windows-msvc')).toBeNull();
    expect(debianArchFor('aarch64-unknown-linux-musl')).toBeNull();
    expect(debianArchFor('aarch64-apple-darwin')).toBeNull();
  });
});

describe('addTargetFix', () => {
  it('offers rustup and the Debian alternative for Linux targets', () => {
    const fix = addTargetFix(['aarch64-unknown-linux-gnu'], true);
    expect(fix.command).toBe('rustup target add aarch64-unknown-linux-gnu');
    expect(fix.summary).toContain('rustc-web');
    expect(fix.summary).toContain('libstd-rust-web-dev:arm64');
  });

  it('offers build-std for targets Debian does not ship', () => {
    const fix = addTargetFix(['x86_64-apple-darwin', 'aarch64-apple-darwin'], true);
    expect(fix.command).toBe('rustup target add x86_64-apple-darwin aarch64-apple-darwin');
    expect(fix.summary).toContain('build-std');
  });

  it('offers no rustup command when rustup is absent', () => {
    const fix = addTargetFix(['aarch64-unknown-linux-gnu'], false);
    expect(fix.command).toBeUndefined();
    expect(fix.summary).toContain('libstd-rust-web-dev:arm64');
  });
});

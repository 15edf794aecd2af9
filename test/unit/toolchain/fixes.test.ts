import { describe, expect, it } from 'vitest';
import { debianArchFor, stdFix } from '../../../src-main/core/toolchain/fixes';

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

const rustup = { path: '/home/u/.cargo/bin/rustup', toolchain: 'stable-x86_64-unknown-linux-gnu' };
// A PATH with apt-get: the Debian alternatives become runnable system commands.
const debianEnv = { PATH: '/usr/bin:/bin' };

describe('stdFix: how to get a target standard library', () => {
  it('runs `rustup target add` on the rustup toolchain, naming the Debian alternative', () => {
    const fix = stdFix({ checkId: 'rust.std.aarch64-unknown-linux-gnu', triples: ['aarch64-unknown-linux-gnu'], rustup, rustDistReachable: true, env: debianEnv });
    expect(fix.command).toBe('rustup target add --toolchain stable-x86_64-unknown-linux-gnu aarch64-unknown-linux-gnu');
    expect(fix).toMatchObject({ id: 'rust.std.aarch64-unknown-linux-gnu', action: { kind: 'rustup-target-add', targets: ['aarch64-unknown-linux-gnu'] } });
    expect(fix.needsConfirmation).toBeUndefined();
    expect(fix.summary).toContain('libstd-rust-web-dev:arm64');
  });

  it("switches to Debian's packages, with confirmation, when rustup's server is unreachable", () => {
    const fix = stdFix({ checkId: 'rust.std.aarch64-unknown-linux-gnu', triples: ['aarch64-unknown-linux-gnu'], rustup, rustDistReachable: false, env: debianEnv });
    expect(fix.summary).toContain("rustup's download server cannot be reached");
    expect(fix.command).toMatch(/dpkg --add-architecture arm64 && (sudo )?apt-get update && (sudo )?apt-get install -y --no-install-recommends rustc-web cargo-web libstd-rust-web-dev:arm64$/);
    expect(fix.needsConfirmation).toBe(true);
  });

  it('offers build-std for targets Debian does not ship', () => {
    const fix = stdFix({ checkId: 'rust.std.universal2-apple-darwin', triples: ['x86_64-apple-darwin', 'aarch64-apple-darwin'], rustup, rustDistReachable: null, env: debianEnv });
    expect(fix.command).toBe('rustup target add --toolchain stable-x86_64-unknown-linux-gnu x86_64-apple-darwin aarch64-apple-darwin');
    expect(fix.summary).toContain('build-std');
  });

  it('gives a manual fix when neither rustup nor a package manager can help', () => {
    const fix = stdFix({ checkId: 'rust.std.aarch64-apple-darwin', triples: ['aarch64-apple-darwin'], rustup: null, rustDistReachable: null, env: { PATH: '/nowhere' } });
    expect(fix.command).toBeUndefined();
    expect(fix.id).toBeUndefined();
    expect(fix.summary).toContain('rustup is not installed here');
  });
});

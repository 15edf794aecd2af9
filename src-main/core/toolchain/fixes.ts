import type { Fix } from '../../common/domain';

export function installRustFix(): Fix {
  if (process.platform === 'win32') {
    return { summary: 'Install Rust with rustup: download and run rustup-init.exe from https://rustup.rs, then open a new terminal.' };
  }
  return {
    summary:
      'Install Rust with rustup (then open a new terminal so ~/.cargo/bin is on PATH). ' +
      "Offline Debian machines can use the distribution's toolchain instead: sudo apt-get install rustc-web cargo-web.",
    command: "curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y",
  };
}

export const INSTALL_MATURIN_FIX: Fix = {
  summary: "Install maturin into Wheelbench's own tools",
  command: 'wheelbench tools install maturin',
};

export const INSTALL_ZIG_FIX: Fix = {
  summary: "Install zig into Wheelbench's own tools (the ziglang package from PyPI)",
  command: 'wheelbench tools install zig',
};

const DEBIAN_ARCH: Readonly<Record<string, string>> = {
  x86_64: 'amd64',
  aarch64: 'arm64',
  armv7: 'armhf',
  i686: 'i386',
  powerpc64le: 'ppc64el',
  s390x: 's390x',
  riscv64gc: 'riscv64',
};

/** The Debian architecture whose libstd-rust-web-dev carries std for a Linux glibc triple. */
export function debianArchFor(triple: string): string | null {
  const [arch, vendor, os, env] = triple.split('-');
  if (vendor !== 'unknown' || os !== 'linux' || !env?.startsWith('gnu') || arch === undefined) return null;
  return DEBIAN_ARCH[arch] ?? null;
}

export function addTargetFix(triples: readonly string[], rustupAvailable: boolean): Fix {
  const list = triples.join(' ');
  const debianArches = triples.map(debianArchFor);
  const offline = debianArches.every((arch) => arch !== null)
    ? `Offline machines (where rustup cannot download) can instead use Debian's rustc-web with ${debianArches
        .map((arch) => `libstd-rust-web-dev:${arch}`)
        .join(' ')} (after sudo dpkg --add-architecture ${debianArches.join(' ')}).`
    : "Offline machines (where rustup cannot download) can instead build std from source: Debian's rustc-web + rust-web-src with -Z build-std.";
  if (!rustupAvailable) {
    return { summary: `Install the Rust standard library for ${list}. rustup is not installed here. ${offline}` };
  }
  return { summary: `Add the Rust standard library for ${list} with rustup. ${offline}`, command: `rustup target add ${list}` };
}

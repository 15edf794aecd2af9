import type { Fix, ManagedTool } from '../../common/domain';
import { runnableFix, type RunnableFix } from './fix-actions';
import { debianRustStdSteps, detectPackageManager, systemCommandFix } from './system-packages';

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

/** pip-installs tools into Wheelbench's own virtualenv: runs without sudo and without touching the system. */
export function managedInstallFix(checkId: string, tools: readonly ManagedTool[], summary: string): RunnableFix {
  return runnableFix(checkId, summary, `wheelbench tools install ${tools.join(' ')}`, { kind: 'install-managed', tools });
}

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

export interface StdFixContext {
  readonly checkId: string;
  readonly triples: readonly string[];
  /** rustup's executable and the toolchain to add to, when the build toolchain is rustup's. */
  readonly rustup: { readonly path: string; readonly toolchain: string | null } | null;
  /** false when rustup's download server did not answer the doctor's reachability check. */
  readonly rustDistReachable: boolean | null;
  readonly env: NodeJS.ProcessEnv;
}

/**
 * How to get the standard library for targets: `rustup target add`, or Debian's packages where rustup is
 * missing or offline (rustc-web + libstd-rust-web-dev:<arch>), or -Z build-std with rust-src as the last
 * resort. The runnable fix is the one most likely to work here; the others are named in the summary.
 */
export function stdFix(ctx: StdFixContext): Fix {
  const list = ctx.triples.join(' ');
  const debianArches = ctx.triples.map(debianArchFor);
  const allDebian = debianArches.every((arch): arch is string => arch !== null);
  const debian = allDebian ? debianArches : null;
  const offline = debian
    ? `Offline machines (where rustup cannot download) can instead use Debian's rustc-web with ${debian
        .map((arch) => `libstd-rust-web-dev:${arch}`)
        .join(' ')} (after sudo dpkg --add-architecture ${debian.join(' ')}).`
    : "Offline machines (where rustup cannot download) can instead build std from source: Debian's rustc-web + rust-web-src with -Z build-std.";
  const apt = debian && detectPackageManager(ctx.env) === 'apt' ? debian : null;
  if (ctx.rustup !== null && !(ctx.rustDistReachable === false && apt)) {
    const toolchain = ctx.rustup.toolchain;
    const command = `rustup target add ${toolchain ? `--toolchain ${toolchain} ` : ''}${list}`;
    const summary = `Add the Rust standard library for ${list} with rustup. ${offline}`;
    return runnableFix(ctx.checkId, summary, command, { kind: 'rustup-target-add', rustup: ctx.rustup.path, toolchain, targets: ctx.triples });
  }
  if (apt) {
    const why = ctx.rustup === null ? 'rustup is not installed here' : "rustup's download server cannot be reached from here";
    const summary = `Install Debian's Rust with the standard library for ${list} (${why}). Wheelbench then builds ${list} with Debian's rustc.`;
    return systemCommandFix(ctx.checkId, summary, debianRustStdSteps(apt), 'apt');
  }
  const rustupNote = ctx.rustup === null ? 'rustup is not installed here.' : "rustup's download server cannot be reached from here.";
  return { summary: `Install the Rust standard library for ${list}. ${rustupNote} ${offline}` };
}

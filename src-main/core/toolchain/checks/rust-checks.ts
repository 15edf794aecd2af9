import { basename } from 'node:path';
import type { DoctorCheck } from '../../../common/domain';
import { readFileHead } from '../../fs/file-head';
import { findExecutable } from '../../process/which';
import type { ToolchainContext } from '../context';
import { installRustFix } from '../fixes';
import { firstLine, probe } from '../probe';
import { safeRealpath } from '../python-discovery';
import type { RustcProbe } from '../rustc-info';
import { unusableRustcLabel, type RustToolchain, type RustToolchainSurvey, type UnusableRustc } from '../rust-toolchains';
import { failed, lines, passed } from './check';

const RUSTC = { id: 'rust.rustc', title: 'Rust compiler (rustc)' };
const TOOLCHAINS = { id: 'rust.toolchains', title: 'Rust toolchains' };
const CARGO = { id: 'rust.cargo', title: 'Cargo' };
const RUSTUP = { id: 'rust.rustup', title: 'rustup (toolchains and targets)' };

const CHOOSE_TOOLCHAIN_FIX = {
  summary: 'rustup is installed but has no usable toolchain: install one and make it the default.',
  command: 'rustup default stable',
};

export function rustcCheck(rustc: RustcProbe, toolchains: readonly RustToolchain[]): DoctorCheck {
  if (!rustc.found) {
    const fix = /rustup/i.test(rustc.reason) ? CHOOSE_TOOLCHAIN_FIX : installRustFix();
    const other = toolchains[0];
    const otherNote = other
      ? `Another toolchain works: ${other.label}. Wheelbench builds with it; put its directory first on PATH to use it yourself.`
      : 'Nothing can be built without a Rust compiler.';
    return failed(RUSTC, 'error', lines(rustc.reason, otherNote), fix);
  }
  const { info, sysroot, installedStd } = rustc;
  const detail = lines(
    `${info.banner} at ${rustc.path}`,
    `host: ${info.host}`,
    sysroot ? `sysroot: ${sysroot}` : `sysroot unknown: ${rustc.sysrootProblem}`,
    `target std installed: ${installedStd.length ? installedStd.join(', ') : 'none'}`,
  );
  if (sysroot === null) {
    return failed(RUSTC, 'warn', detail, {
      summary: 'rustc did not report its sysroot, so installed targets cannot be checked. Reinstall the toolchain.',
      command: 'rustup toolchain install stable',
    });
  }
  if (!installedStd.includes(info.host)) {
    return failed(RUSTC, 'error', lines(detail, `The standard library for the host (${info.host}) is missing.`), {
      summary: `Add the host standard library with rustup.`,
      command: `rustup target add ${info.host}`,
    });
  }
  return passed(RUSTC, detail);
}

/** Every toolchain found, with what it can build for, and every compiler found that does not answer. */
export function toolchainsCheck({ usable, unusable }: RustToolchainSurvey): DoctorCheck {
  const leftOut = unusable.map(describeUnusable);
  if (usable.length === 0) return failed(TOOLCHAINS, 'skip', lines('No working Rust toolchain was found (see rustc).', ...leftOut), installRustFix());
  return passed(TOOLCHAINS, lines(...usable.map(describeToolchain), ...leftOut));
}

function describeUnusable(found: UnusableRustc): string {
  return `Left out, it does not answer: ${unusableRustcLabel(found)}: ${found.reason.replace(/\.$/, '')}.`;
}

function describeToolchain(toolchain: RustToolchain): string {
  const nightly = /-(nightly|dev)/.test(toolchain.release);
  const src = toolchain.hasRustSrc ? `rust-src: yes (-Z build-std possible${nightly ? '' : ' with RUSTC_BOOTSTRAP=1'})` : 'rust-src: no';
  const objcopy = toolchain.hasObjcopy ? '' : '; no rust-objcopy (cannot strip macOS binaries)';
  return `${toolchain.label}${toolchain.isDefault ? ' (active)' : ''}: std: ${toolchain.stdTargets.join(', ') || 'none'}; ${src}${objcopy}`;
}

export async function cargoCheck(ctx: ToolchainContext): Promise<DoctorCheck> {
  const path = findExecutable('cargo', ctx.env);
  if (path === null) return failed(CARGO, 'error', 'cargo is not on PATH; maturin drives every build through it.', installRustFix());
  const run = await probe(ctx, path, ['--version']);
  if (!run.ok) return failed(CARGO, 'error', `cargo at ${path} ${run.reason}`, installRustFix());
  const detail = `${firstLine(run.stdout)} at ${path}`;
  const auditable = cargoAuditableWrapper(path);
  if (auditable) {
    return failed(
      CARGO,
      'warn',
      lines(
        detail,
        `This cargo is a cargo-auditable wrapper (${auditable}). cargo-auditable adds the linker flag --undefined, which zig rejects: ` +
          'builds with --zig (manylinux and cross targets) fail with "unsupported linker arg: --undefined".',
      ),
      {
        summary:
          'Build with a plain cargo: put rustup\'s ~/.cargo/bin first on PATH, or in Nix set `auditable = false` for the derivation ' +
          '(nixpkgs wraps cargo with cargo-auditable by default).',
      },
    );
  }
  return passed(CARGO, detail);
}

/** Why this cargo is a cargo-auditable wrapper (Nix wraps cargo in a script that calls it), or null. */
export function cargoAuditableWrapper(cargoPath: string): string | null {
  const real = safeRealpath(cargoPath);
  if (/auditable/i.test(basename(real))) return `it is ${real}`;
  const head = readFileHead(real, 4096);
  if (head.startsWith('#!') && /cargo-auditable|\bauditable\b/.test(head)) return `${real} is a script that runs cargo auditable`;
  return null;
}

const INSTALL_RUSTUP_FIX = {
  summary:
    'Optional: install rustup to add cross-compilation targets with one command (rustup target add). ' +
    'Without it, targets come from your distribution (Debian: libstd-rust-web-dev:<arch>).',
  command: "curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y",
};

export async function rustupCheck(ctx: ToolchainContext): Promise<DoctorCheck> {
  const path = findExecutable('rustup', ctx.env);
  if (path === null) return failed(RUSTUP, 'warn', 'rustup is not on PATH.', INSTALL_RUSTUP_FIX);
  const [version, toolchains, targets] = await Promise.all([
    probe(ctx, path, ['--version']),
    probe(ctx, path, ['toolchain', 'list']),
    probe(ctx, path, ['target', 'list', '--installed']),
  ]);
  if (!version.ok) return failed(RUSTUP, 'warn', `rustup at ${path} ${version.reason}`, INSTALL_RUSTUP_FIX);
  const detail = lines(
    `${firstLine(version.stdout)} at ${path}`,
    toolchains.ok ? `toolchains: ${listOf(toolchains.stdout)}` : `toolchains unknown: ${toolchains.reason}`,
    targets.ok ? `installed targets (active toolchain): ${listOf(targets.stdout)}` : `installed targets unknown: ${targets.reason}`,
  );
  if (!toolchains.ok || !targets.ok) {
    return failed(RUSTUP, 'warn', detail, {
      summary: 'rustup could not list its toolchains or targets; install and select a default toolchain.',
      command: 'rustup default stable',
    });
  }
  return passed(RUSTUP, detail);
}

function listOf(output: string): string {
  const items = output.split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
  return items.length ? items.join(', ') : 'none';
}

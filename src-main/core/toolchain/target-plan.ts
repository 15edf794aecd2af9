import { join } from 'node:path';
import type { DoctorCheck, Fix, Strategy } from '../../common/domain';
import { failed, lines, passed, type CheckHeader } from './checks/check';
import { CROSS_GCC, QEMU_ARCH, type FoundTool, type QemuArch } from './cross-tools';
import { managedInstallFix, stdFix } from './fixes';
import { rustlibDir } from './rustc-info';
import type { RustToolchain } from './rust-toolchains';
import { systemPackageFix, type SystemNeed } from './system-packages';
import { stdTriplesFor, TARGET_ALIASES } from './targets-aliases';
import type { ResolvedTool, ResolvedZig } from './tool-types';

// Per target: can it be built here, how (strategy), with which toolchain, and what exactly is missing.
// Pure: every fact comes in through PlanFacts, so each rule is testable without a machine.

export interface PlanFacts {
  readonly env: NodeJS.ProcessEnv;
  readonly hostTriple: string;
  readonly hostPlatform: NodeJS.Platform;
  /** Active toolchain first, then rustup's default, then the others. */
  readonly toolchains: readonly RustToolchain[];
  readonly rustupDefault: string | null;
  readonly rustup: string | null;
  readonly rustDistReachable: boolean | null;
  readonly cratesReachable: boolean | null;
  readonly zig: ResolvedZig | null;
  readonly maturin: ResolvedTool | null;
  readonly linkers: readonly FoundTool[];
  readonly qemu: readonly QemuArch[];
  /** The host's C compiler driver (`cc`), the linker rustc uses for host builds. */
  readonly hostCc: string | null;
  /** Triples rustc knows (`rustc --print target-list`), when known. */
  readonly knownTriples: ReadonlySet<string> | null;
}

export interface RequestedTarget {
  /** As the user wrote it: `linux-aarch64`, `host`, a triple. */
  readonly name: string;
  /** The triple it names; null when it names none. */
  readonly triple: string | null;
}

export interface TargetPlan {
  readonly triple: string;
  readonly buildable: boolean;
  readonly strategy: Strategy | null;
  readonly toolchain: RustToolchain | null;
  /** Every check about this target: its summary first, then std and linker. */
  readonly checks: readonly DoctorCheck[];
}

type Family = 'linux' | 'windows-msvc' | 'windows-gnu' | 'apple' | 'other';

export function familyOf(triple: string): Family {
  if (/-linux-(gnu|musl)/.test(triple)) return 'linux';
  if (triple.endsWith('-pc-windows-msvc')) return 'windows-msvc';
  if (triple.endsWith('-pc-windows-gnu') || triple.endsWith('-pc-windows-gnullvm')) return 'windows-gnu';
  if (triple.endsWith('-apple-darwin')) return 'apple';
  return 'other';
}

function archOf(triple: string): string {
  return triple.split('-')[0] ?? triple;
}

interface StdOutcome {
  readonly check: DoctorCheck;
  readonly toolchain: RustToolchain | null;
  readonly buildStd: boolean;
}

interface LinkOutcome {
  readonly check: DoctorCheck | null;
  readonly strategy: Strategy | null;
  readonly caveats: readonly string[];
}

export function planTarget(target: RequestedTarget, facts: PlanFacts): TargetPlan {
  const triple = target.triple ?? target.name;
  const alias = target.triple !== null && target.name !== target.triple ? ` (${target.name})` : '';
  const heads = {
    summary: { id: `target.${triple}`, title: `Target ${triple}${alias}` },
    std: { id: `rust.std.${triple}`, title: `Rust standard library for ${triple}${alias}` },
    link: { id: `link.${triple}`, title: `Linker for ${triple}` },
  };
  if (target.triple === null || (facts.knownTriples !== null && !stdTriplesFor(triple).every((t) => facts.knownTriples?.has(t)))) {
    return { triple, buildable: false, strategy: null, toolchain: null, checks: [unknownTarget(heads.summary, target, facts)] };
  }
  const std = stdFor(heads.std, triple, facts);
  const link = linkFor(heads.link, triple, facts);
  const strategy = std.buildStd ? 'build-std' : link.strategy;
  const components = [std.check, ...(link.check ? [link.check] : [])];
  const maturinMissing = facts.maturin === null;
  const blockers = components.filter((check) => check.status === 'error');
  const buildable = blockers.length === 0 && !maturinMissing && std.toolchain !== null;
  const caveats = [...link.caveats, ...(std.buildStd ? [buildStdCaveat(facts)] : []), ...qemuNote(triple, facts)];
  const summary = buildable
    ? summaryBuildable(heads.summary, triple, strategy, std, link, caveats, facts)
    : summaryBlocked(heads.summary, blockers, maturinMissing, caveats);
  return { triple, buildable, strategy: buildable ? strategy : null, toolchain: std.toolchain, checks: [summary, ...components] };
}

function unknownTarget(head: CheckHeader, target: RequestedTarget, facts: PlanFacts): DoctorCheck {
  const fix = { summary: `Use a triple from \`rustc --print target-list\` or one of: ${TARGET_ALIASES.join(', ')}.` };
  if (target.triple === null) return failed(head, 'error', `'${target.name}' is neither a Rust target triple nor a Wheelbench target alias.`, fix);
  const compiler = facts.toolchains[0]?.banner ?? 'rustc';
  return failed(head, 'error', `${compiler} does not know the target ${target.triple}.`, { summary: `Check the spelling: ${fix.summary}` });
}

function summaryBuildable(
  head: CheckHeader,
  triple: string,
  strategy: Strategy | null,
  std: StdOutcome,
  link: LinkOutcome,
  caveats: readonly string[],
  facts: PlanFacts,
): DoctorCheck {
  const toolchain = std.toolchain as RustToolchain;
  const how = `Can be built here: strategy ${strategy}${strategyCommand(strategy, link.strategy, triple, facts)}, with ${toolchain.label} (${toolchain.banner}).`;
  const detail = lines(how, ...caveats);
  if (!std.buildStd && link.caveats.length === 0) return passed(head, detail);
  // A fallback or a caveat: buildable, with something worth doing about it.
  const fix = std.buildStd && std.check.fix ? std.check.fix : { summary: link.caveats[0] ?? 'See the details above.' };
  return failed(head, 'warn', detail, fix);
}

function strategyCommand(strategy: Strategy | null, linking: Strategy | null, triple: string, facts: PlanFacts): string {
  if (strategy === 'native') return ' (maturin build)';
  if (strategy === 'zig') return ` (maturin build --zig --target ${triple})`;
  if (strategy === 'linker') {
    const gcc = crossGcc(triple, facts);
    return ` (maturin build --target ${triple}, CARGO_TARGET_${triple.toUpperCase().replace(/[-.]/g, '_')}_LINKER=${gcc?.name ?? 'gcc'})`;
  }
  if (strategy === 'xwin') return ` (maturin build --target ${triple}, linked through cargo-xwin)`;
  if (strategy === 'build-std') {
    const linker = { native: 'cc', zig: 'zig', linker: crossGcc(triple, facts)?.name ?? 'a cross gcc', xwin: 'cargo-xwin', 'build-std': '' }[linking ?? 'native'];
    return ` (-Z build-std with RUSTC_BOOTSTRAP=1, linked with ${linker})`;
  }
  return '';
}

function summaryBlocked(head: CheckHeader, blockers: readonly DoctorCheck[], maturinMissing: boolean, caveats: readonly string[]): DoctorCheck {
  const missing = [
    ...blockers.map((check) => `${check.title} (${check.id}): ${check.detail.split('\n')[0]}`),
    ...(maturinMissing ? ['maturin (tool.maturin): not installed'] : []),
  ];
  const detail = lines('Cannot be built here yet. Missing:', ...missing.map((line) => `• ${line}`), ...caveats);
  const first = blockers[0]?.fix ?? (maturinMissing ? managedInstallFix('tool.maturin', ['maturin'], "Install maturin into Wheelbench's own tools") : undefined);
  return failed(head, 'error', detail, first ?? { summary: 'See the checks below.' });
}

/** The toolchain that has std for the target, or one that can build it (rust-src), or the fix. */
function stdFor(head: CheckHeader, triple: string, facts: PlanFacts): StdOutcome {
  const needed = stdTriplesFor(triple);
  const withStd = facts.toolchains.filter((toolchain) => needed.every((t) => toolchain.std.includes(t)));
  const chosen = withStd.find((toolchain) => toolchain.cargo !== null) ?? withStd[0] ?? null;
  const active = facts.toolchains.find((toolchain) => toolchain.active) ?? null;
  if (chosen) {
    const where = needed.map((t) => `std for ${t} found in ${join(rustlibDir(chosen.sysroot), t, 'lib')} (${chosen.label})`);
    const notActive =
      active && !active.std.includes(triple) && chosen !== active
        ? `The active toolchain (${active.label}) lacks it; Wheelbench builds ${triple} with ${chosen.label}.`
        : null;
    return { check: passed(head, lines(...where, notActive)), toolchain: chosen, buildStd: false };
  }
  const missing = needed.filter((t) => !facts.toolchains.some((toolchain) => toolchain.std.includes(t)));
  const fix = stdFix({
    checkId: head.id,
    triples: missing,
    rustup: rustupTarget(facts),
    rustDistReachable: facts.rustDistReachable,
    env: facts.env,
  });
  const nowhere = facts.toolchains.length
    ? `No toolchain here has the standard library for ${missing.join(', ')} (looked in: ${facts.toolchains.map((toolchain) => toolchain.label).join('; ')}).`
    : `No Rust toolchain was found.`;
  const consequence = `Building for ${triple} fails with "can't find crate for \`core\`" until it is installed.`;
  const fallback = facts.toolchains.find((toolchain) => toolchain.rustSrc && toolchain.host === facts.hostTriple) ?? null;
  if (fallback) {
    const detail = lines(
      nowhere,
      `Fallback: ${fallback.label} has rust-src, so Wheelbench can build std itself with -Z build-std (RUSTC_BOOTSTRAP=1). Prebuilt std is faster and the usual way.`,
    );
    return { check: failed(head, 'warn', detail, fix), toolchain: fallback, buildStd: true };
  }
  return { check: failed(head, 'error', lines(nowhere, consequence), fix), toolchain: null, buildStd: false };
}

/** `rustup target add` goes to the active rustup toolchain, else rustup's default; null without rustup. */
function rustupTarget(facts: PlanFacts): { path: string; toolchain: string | null } | null {
  if (facts.rustup === null) return null;
  // A linked toolchain (`rustup toolchain link`) takes no targets from rustup.
  const rustupToolchains = facts.toolchains.filter((toolchain) => toolchain.rustupName !== null && !toolchain.linked);
  const active = rustupToolchains.find((toolchain) => toolchain.active);
  const target = active ?? rustupToolchains.find((toolchain) => toolchain.rustupName === facts.rustupDefault) ?? null;
  return target ? { path: facts.rustup, toolchain: target.rustupName } : null;
}

function buildStdCaveat(facts: PlanFacts): string {
  const crates = facts.cratesReachable === false ? ' crates.io is not reachable from here, so that first build fails unless they are cached.' : '';
  return `Fallback strategy: std is compiled from rust-src on the first build (a few minutes; std's own dependencies come from crates.io).${crates}`;
}

function crossGcc(triple: string, facts: PlanFacts): FoundTool | null {
  const names = CROSS_GCC[triple] ?? [];
  return facts.linkers.find((tool) => names.includes(tool.name)) ?? null;
}

function linkFor(head: CheckHeader, triple: string, facts: PlanFacts): LinkOutcome {
  const family = familyOf(triple);
  const native = triple === facts.hostTriple || (triple === 'universal2-apple-darwin' && facts.hostPlatform === 'darwin');
  if (native) return nativeLink(head, facts);
  const zig = facts.zig ? `zig ${facts.zig.version ?? ''}`.trim() : null;
  const gcc = crossGcc(triple, facts);
  switch (family) {
    case 'linux':
    case 'windows-gnu': {
      if (zig) return { check: passed(head, lines(`${zig} links it (maturin --zig).`, gcc ? `Also usable: ${gcc.name} at ${gcc.path}.` : null)), strategy: 'zig', caveats: [] };
      if (gcc) return { check: passed(head, `${gcc.name} ${gcc.version ?? ''} at ${gcc.path} links it (CARGO_TARGET_…_LINKER).`), strategy: 'linker', caveats: [] };
      return { check: missingLinker(head, triple, family, facts), strategy: null, caveats: [] };
    }
    case 'windows-msvc':
      return {
        check: passed(head, "maturin links it through cargo-xwin (lld-link), which downloads the MSVC CRT and Windows SDK on its first build."),
        strategy: 'xwin',
        caveats: [
          "xwin downloads Microsoft's CRT and SDK (accepting Microsoft's license) on the first build and needs the network for it; offline, build x86_64-pc-windows-gnu with mingw-w64 or zig instead.",
        ],
      };
    case 'apple': {
      if (!zig) return { check: missingLinker(head, triple, family, facts), strategy: null, caveats: [] };
      return {
        check: passed(head, `${zig} links it (maturin --zig).`),
        strategy: 'zig',
        caveats: ['macOS SDK: crates that link Apple frameworks (CoreFoundation, Security…) need a macOS SDK, pointed to by SDKROOT; pure-Rust extensions link without one.'],
      };
    }
    default:
      return {
        check: failed(head, 'error', `Wheelbench has no way to link ${triple} from ${facts.hostTriple}.`, {
          summary: `Build ${triple} on a machine of that kind, or pick one of: ${TARGET_ALIASES.join(', ')}.`,
        }),
        strategy: null,
        caveats: [],
      };
  }
}

function nativeLink(head: CheckHeader, facts: PlanFacts): LinkOutcome {
  if (facts.hostPlatform === 'win32' || facts.hostCc) {
    const how = facts.hostCc ? `${facts.hostCc} (the host's C compiler) links it.` : 'The MSVC linker links it.';
    return { check: passed(head, how), strategy: 'native', caveats: [] };
  }
  const summary = 'Install a C compiler: rustc links host binaries through `cc`.';
  const fix: Fix = systemPackageFix(head.id, 'cc', summary, facts.env) ?? (facts.hostPlatform === 'darwin' ? { summary, command: 'xcode-select --install' } : { summary });
  return { check: failed(head, 'error', 'No `cc` on PATH: rustc cannot link anything for this machine ("linker `cc` not found").', fix), strategy: 'native', caveats: [] };
}

const GCC_NEED: Readonly<Record<string, SystemNeed>> = {
  'aarch64-unknown-linux-gnu': 'gcc-aarch64',
  'armv7-unknown-linux-gnueabihf': 'gcc-armhf',
  'x86_64-unknown-linux-gnu': 'gcc-x86_64',
  'x86_64-pc-windows-gnu': 'mingw-w64',
};

function missingLinker(head: CheckHeader, triple: string, family: Family, facts: PlanFacts): DoctorCheck {
  const need = GCC_NEED[triple];
  const gccFix = need ? systemPackageFix(head.id, need, '', facts.env) : null;
  const alternative = gccFix?.command ? ` Or link with a cross gcc instead: ${gccFix.command}.` : '';
  const hostLinker =
    family === 'apple'
      ? 'Linking macOS binaries from here needs zig.'
      : `Without zig or a cross linker, rustc would use the host's \`cc\`, which cannot link ${triple} ("Relocations in generic ELF" / "file in wrong format").`;
  return failed(
    head,
    'error',
    lines(`No linker for ${triple}: zig is not installed and no cross gcc for it is on PATH.`, hostLinker),
    managedInstallFix(head.id, ['zig'], `Install zig into Wheelbench's own tools; maturin links ${triple} with it (--zig).${alternative}`),
  );
}

function qemuNote(triple: string, facts: PlanFacts): readonly string[] {
  if (familyOf(triple) !== 'linux' || triple === facts.hostTriple) return [];
  const arch = QEMU_ARCH[archOf(triple)];
  if (!arch) return [];
  const qemu = facts.qemu.find((q) => q.arch === arch);
  return [qemu ? `Import test: under qemu-${arch} (${qemu.path}).` : `Import test: qemu-${arch} is not installed, so the wheel gets static checks only (see tool.qemu).`];
}

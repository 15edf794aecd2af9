import { join } from 'node:path';
import type { DoctorCheck, Fix, Strategy } from '../../common/domain';
import { CROSS_LINKERS, planTargets, type MachineFacts, type TargetPlan } from '../build/planner';
import { catalogEntry } from '../build/target-catalog';
import { failed, lines, passed, type CheckHeader } from './checks/check';
import { QEMU_ARCH, type FoundTool, type QemuArch } from './cross-tools';
import { managedInstallFix, stdFix } from './fixes';
import { rustlibDir } from './rustc-info';
import { rustupNameOf } from './rust-toolchains';
import { systemPackageFix, type SystemNeed } from './system-packages';
import { resolveTargetTriple, stdTriplesFor, TARGET_ALIASES } from './targets-aliases';
import type { ResolvedTool, ResolvedZig } from './tool-types';

// `wheelbench doctor --target T`: the build planner's decision for T on this machine (strategy and
// toolchain, exactly as `wheelbench build` would build it), and each piece it needs as a check of its own
// with its fix: the target's standard library and a linker. Pure: every fact comes in through the arguments.

export interface TargetFacts extends MachineFacts {
  readonly env: NodeJS.ProcessEnv;
  readonly hostPlatform: NodeJS.Platform;
  readonly rustup: string | null;
  readonly rustDistReachable: boolean | null;
  readonly cratesReachable: boolean | null;
  readonly zigFound: ResolvedZig | null;
  readonly maturin: ResolvedTool | null;
  readonly linkers: readonly FoundTool[];
  readonly qemu: readonly QemuArch[];
  /** The host's C compiler driver (`cc`), the linker rustc uses for host builds. */
  readonly hostCc: string | null;
  /** Triples rustc knows (`rustc --print target-list`), when known. */
  readonly knownTriples: ReadonlySet<string> | null;
}

/** Every requested target's checks: its summary first, then its standard library and its linker. */
export function targetChecks(names: readonly string[], facts: TargetFacts): readonly DoctorCheck[] {
  const requested = distinctTargets(names, facts.host);
  if (requested.length === 0) return [];
  // Planned together, as `wheelbench build --target A --target B` plans them (one toolchain for all when it can).
  const plans = planTargets(requested, facts);
  return requested.flatMap((name, index) => {
    // One area per requested target, even when the planner builds another triple (MSVC → GNU).
    const area = `Target ${resolveTargetTriple(name, facts.host) ?? name}`;
    return checksFor(name, plans[index] as TargetPlan, facts).map((check) => ({ ...check, area }));
  });
}

function distinctTargets(names: readonly string[], host: string): readonly string[] {
  const seen = new Set<string>();
  return names.filter((name) => {
    const key = resolveTargetTriple(name, host) ?? name;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function heads(name: string, triple: string) {
  const alias = name !== triple ? ` (${name})` : '';
  return {
    summary: { id: `target.${triple}`, title: `Target ${triple}${alias}` },
    std: { id: `rust.std.${triple}`, title: `Rust standard library for ${triple}${alias}` },
    link: { id: `link.${triple}`, title: `Linker for ${triple}` },
  };
}

export function checksFor(name: string, plan: TargetPlan, facts: TargetFacts): readonly DoctorCheck[] {
  const requestedTriple = resolveTargetTriple(name, facts.host);
  if (requestedTriple === null) return [unknownTarget({ id: `target.${name}`, title: `Target ${name}` }, `'${name}' is neither a Rust target triple nor a Wheelbench target alias.`)];
  const entry = catalogEntry(requestedTriple);
  const needed = entry?.triple === requestedTriple ? entry.stdTriples : stdTriplesFor(requestedTriple);
  if (facts.knownTriples !== null && !needed.every((t) => facts.knownTriples?.has(t))) {
    const compiler = facts.toolchains[0] ? `rustc ${facts.toolchains[0].release}` : 'rustc';
    return [unknownTarget({ id: `target.${requestedTriple}`, title: `Target ${requestedTriple}` }, `${compiler} does not know the target ${requestedTriple}.`)];
  }
  // The planner may build another triple than asked (Windows MSVC without xwin's CRT builds the GNU ABI).
  const triple = plan.triple ?? requestedTriple;
  const { summary } = heads(name, requestedTriple);
  const built = heads(name, triple);
  const std = stdCheck(built.std, triple === requestedTriple ? needed : [triple], plan, facts);
  const link = linkCheck(built.link, triple, plan, facts);
  const components = [std, ...(link ? [link] : [])];
  return [summaryCheck(summary, triple, plan, components, facts), ...components];
}

function unknownTarget(head: CheckHeader, why: string): DoctorCheck {
  return failed(head, 'error', why, { summary: `Use a triple from \`rustc --print target-list\` or one of: ${TARGET_ALIASES.join(', ')}.` });
}

function summaryCheck(head: CheckHeader, triple: string, plan: TargetPlan, components: readonly DoctorCheck[], facts: TargetFacts): DoctorCheck {
  const maturinNote = facts.maturin === null ? "maturin is not installed: the build first installs it into Wheelbench's own tools (from PyPI)." : null;
  const blockers = components.filter((check) => check.status === 'error');
  if (plan.status === 'unavailable' || blockers.length > 0) {
    const reason = plan.status === 'unavailable' ? plan.reason : blockers[0]?.detail.split('\n')[0];
    const missing = blockers.map((check) => `• ${check.title} (${check.id}): ${check.detail.split('\n')[0]}`);
    const fix = blockers[0]?.fix ?? (plan.status === 'unavailable' ? plan.fix : null) ?? { summary: 'See the checks below.' };
    return failed(head, 'error', lines(`Cannot be built here yet: ${reason}`, missing.length ? 'Missing:' : null, ...missing, maturinNote), fix);
  }
  const how = `Can be built here: strategy ${plan.strategy}${strategyCommand(plan.strategy, triple, plan.linker)}, with ${plan.toolchain.label}.`;
  const caveats = [...plan.notes, ...(plan.buildStd ? [buildStdCaveat(facts)] : [])];
  const detail = lines(how, plan.reason, ...caveats, ...qemuNote(triple, facts), maturinNote);
  const warning = components.find((check) => check.status === 'warn');
  if (!warning && caveats.length === 0) return passed(head, detail);
  // Buildable, with something worth doing about it: a fallback to replace, or a caveat to know.
  return failed(head, 'warn', detail, warning?.fix ?? { summary: caveats[0] ?? 'See the details above.' });
}

function strategyCommand(strategy: Strategy, triple: string, linker: string | null): string {
  switch (strategy) {
    case 'native':
      return ' (maturin build)';
    case 'zig':
      return ` (maturin build --zig --target ${triple})`;
    case 'linker':
      return ` (maturin build --target ${triple}, CARGO_TARGET_${triple.toUpperCase().replace(/[-.]/g, '_')}_LINKER=${linker ?? 'gcc'})`;
    case 'xwin':
      return ` (maturin build --target ${triple}, linked through cargo-xwin)`;
    case 'build-std':
      return ` (-Z build-std with RUSTC_BOOTSTRAP=1, linked with ${linker ?? 'zig'})`;
  }
}

function buildStdCaveat(facts: TargetFacts): string {
  const crates = facts.cratesReachable === false ? ' crates.io is not reachable from here, so that first build fails unless they are cached.' : '';
  return `Fallback strategy: std is compiled from rust-src on the first build (a few minutes; std's own dependencies come from crates.io).${crates}`;
}

/** Which toolchains have std for the target; the fix that gets it where none does. */
function stdCheck(head: CheckHeader, needed: readonly string[], plan: TargetPlan, facts: TargetFacts): DoctorCheck {
  const triple = needed.length === 1 ? (needed[0] as string) : head.id.slice('rust.std.'.length);
  const withStd = facts.toolchains.filter((toolchain) => needed.every((t) => toolchain.stdTargets.includes(t)));
  const chosen = plan.status === 'buildable' && !plan.buildStd ? plan.toolchain : (withStd[0] ?? null);
  const active = facts.toolchains.find((toolchain) => toolchain.isDefault) ?? null;
  if (chosen && withStd.includes(chosen)) {
    const where = needed.map((t) => `std for ${t} found in ${join(rustlibDir(chosen.sysroot), t, 'lib')} (${chosen.label})`);
    const notActive =
      active && chosen !== active && !needed.every((t) => active.stdTargets.includes(t))
        ? `The active toolchain (${active.label}) lacks it; Wheelbench builds ${triple} with ${chosen.label}.`
        : null;
    return passed(head, lines(...where, notActive));
  }
  const missing = needed.filter((t) => !facts.toolchains.some((toolchain) => toolchain.stdTargets.includes(t)));
  const fix = stdFix({ checkId: head.id, triples: missing.length ? missing : needed, rustup: rustupTarget(facts), rustDistReachable: facts.rustDistReachable, env: facts.env });
  const nowhere = facts.toolchains.length
    ? `No toolchain here has the standard library for ${missing.join(', ') || triple} (looked in: ${facts.toolchains.map((toolchain) => toolchain.label).join('; ')}).`
    : 'No Rust toolchain was found.';
  if (plan.status === 'buildable' && plan.buildStd) {
    const fallback = `Fallback: ${plan.toolchain.label} has rust-src, so Wheelbench builds std itself with -Z build-std (RUSTC_BOOTSTRAP=1). Prebuilt std is faster and the usual way.`;
    return failed(head, 'warn', lines(nowhere, fallback), fix);
  }
  return failed(head, 'error', lines(nowhere, `Building for ${triple} fails with "can't find crate for \`core\`" until it is installed.`), fix);
}

/** `rustup target add` goes to the active rustup toolchain, else another rustup one; never to a linked toolchain. */
function rustupTarget(facts: TargetFacts): { path: string; toolchain: string | null } | null {
  if (facts.rustup === null) return null;
  const own = facts.toolchains.filter((toolchain) => toolchain.kind === 'rustup' && !toolchain.linked);
  const target = own.find((toolchain) => toolchain.isDefault) ?? own[0] ?? null;
  return target ? { path: facts.rustup, toolchain: rustupNameOf(target) } : null;
}

function crossGcc(triple: string, facts: TargetFacts): FoundTool | null {
  const name = CROSS_LINKERS[triple];
  return facts.linkers.find((tool) => tool.name === name) ?? null;
}

/** How the target is linked here, or why nothing can link it; judged on its own, so every missing piece shows. */
function linkCheck(head: CheckHeader, triple: string, plan: TargetPlan, facts: TargetFacts): DoctorCheck | null {
  const zig = facts.zigFound ? `zig ${facts.zigFound.version ?? ''}`.trim() : null;
  const gcc = crossGcc(triple, facts);
  if (plan.status === 'buildable') {
    if (plan.zig) return passed(head, lines(`${zig ?? 'zig'} links it (maturin --zig).`, gcc ? `Also usable: ${gcc.name} at ${gcc.path}.` : null));
    if (plan.linker) return passed(head, `${plan.linker} links it (CARGO_TARGET_…_LINKER).`);
    if (plan.strategy === 'xwin') return passed(head, 'maturin links it through cargo-xwin (lld-link), with the MSVC CRT it cached.');
    return hostLink(head, facts);
  }
  if (triple === facts.host) return hostLink(head, facts);
  const zigLinks = triple.includes('-linux-') || triple.includes('-windows-') || triple.endsWith('-apple-darwin');
  if (facts.zigFound && zigLinks) return passed(head, `${zig} links it (maturin --zig).`);
  if (gcc && !triple.endsWith('-apple-darwin')) return passed(head, `${gcc.name} at ${gcc.path} links it (CARGO_TARGET_…_LINKER).`);
  return zigLinks ? missingLinker(head, triple, facts) : null;
}

function hostLink(head: CheckHeader, facts: TargetFacts): DoctorCheck {
  if (facts.hostPlatform === 'win32' || facts.hostCc) {
    return passed(head, facts.hostCc ? `${facts.hostCc} (the host's C compiler) links it.` : 'The MSVC linker links it.');
  }
  const summary = 'Install a C compiler: rustc links host binaries through `cc`.';
  const fix: Fix = systemPackageFix(head.id, 'cc', summary, facts.env) ?? (facts.hostPlatform === 'darwin' ? { summary, command: 'xcode-select --install' } : { summary });
  return failed(head, 'error', 'No `cc` on PATH: rustc cannot link anything for this machine ("linker `cc` not found").', fix);
}

const GCC_NEED: Readonly<Record<string, SystemNeed>> = {
  'aarch64-unknown-linux-gnu': 'gcc-aarch64',
  'armv7-unknown-linux-gnueabihf': 'gcc-armhf',
  'x86_64-unknown-linux-gnu': 'gcc-x86_64',
  'x86_64-pc-windows-gnu': 'mingw-w64',
};

function missingLinker(head: CheckHeader, triple: string, facts: TargetFacts): DoctorCheck {
  const need = GCC_NEED[triple];
  const gccFix = need ? systemPackageFix(head.id, need, '', facts.env) : null;
  const alternative = gccFix?.command ? ` Or link with a cross gcc instead: ${gccFix.command}.` : '';
  const hostLinker = triple.endsWith('-apple-darwin')
    ? 'Linking macOS binaries from here needs zig.'
    : `Without zig or a cross linker, rustc would use the host's \`cc\`, which cannot link ${triple} ("Relocations in generic ELF" / "file in wrong format").`;
  return failed(
    head,
    'error',
    lines(`No linker for ${triple}: zig is not installed and no cross gcc for it is on PATH.`, hostLinker),
    managedInstallFix(head.id, ['zig'], `Install zig into Wheelbench's own tools; maturin links ${triple} with it (--zig).${alternative}`),
  );
}

function qemuNote(triple: string, facts: TargetFacts): readonly string[] {
  if (!triple.includes('-linux-') || triple === facts.host) return [];
  const arch = QEMU_ARCH[triple.split('-')[0] ?? ''];
  if (!arch) return [];
  const qemu = facts.qemu.find((q) => q.arch === arch);
  return [qemu ? `Import test: under qemu-${arch} (${qemu.path}).` : `Import test: qemu-${arch} is not installed, so the wheel gets static checks only (see tool.qemu).`];
}

import type { Fix, Strategy } from '../../common/domain';
import { INSTALL_OBJCOPY_FIX, type RustToolchain } from '../toolchain/rust-toolchains';
import { resolveTargetTriple } from '../toolchain/targets-aliases';
import { compareVersions, parseVersion } from '../toolchain/versions';
import { catalogEntry, debianArch, WINDOWS_GNU, type CatalogTarget } from './target-catalog';

// Decides how each target builds on this machine, from what the toolchain probes found, and says why
// in one line a person can read.

export interface MachineFacts {
  readonly host: string;
  readonly toolchains: readonly RustToolchain[];
  readonly zig: boolean;
  /** Cross C compilers found on PATH, by the Rust triple they link for. */
  readonly crossLinkers: Readonly<Record<string, string>>;
  /** maturin can use xwin's MSVC CRT without downloading it (a cache from an earlier online build). */
  readonly xwinCached: boolean;
  /** Compilers that were found but did not answer (`/usr/bin/rustc: timed out: …`): a target they could have built says so. */
  readonly unanswered?: readonly string[];
  /** A zig on PATH that did not answer, in a sentence: targets that need zig say why there is none. */
  readonly brokenZig?: string | null;
}

export interface BuildablePlan {
  readonly status: 'buildable';
  readonly requested: string;
  /** The triple cargo builds (a Windows MSVC request may become the GNU triple). */
  readonly triple: string;
  readonly entry: CatalogTarget | null;
  readonly strategy: Strategy;
  readonly toolchain: RustToolchain;
  readonly buildStd: boolean;
  readonly zig: boolean;
  /** Set for the cross-linker strategy: CARGO_TARGET_<TRIPLE>_LINKER. */
  readonly linker: string | null;
  /** manylinux/musllinux compatibility passed to maturin, for Linux targets. */
  readonly compatibility: string | null;
  readonly reason: string;
  readonly notes: readonly string[];
}

export interface UnavailablePlan {
  readonly status: 'unavailable';
  readonly requested: string;
  readonly triple: string | null;
  readonly reason: string;
  readonly fix: Fix | null;
}

export type TargetPlan = BuildablePlan | UnavailablePlan;

export interface PlanOptions {
  /** Linux compatibility for distributable wheels; `null` lets maturin pick for this machine. */
  readonly compatibility?: string | null;
}

const GNU_LINKER_PREFIX: Readonly<Record<string, string>> = {
  'aarch64-unknown-linux-gnu': 'aarch64-linux-gnu-gcc',
  'armv7-unknown-linux-gnueabihf': 'arm-linux-gnueabihf-gcc',
  'x86_64-unknown-linux-gnu': 'x86_64-linux-gnu-gcc',
  'x86_64-pc-windows-gnu': 'x86_64-w64-mingw32-gcc',
};

/** The cross C compilers Wheelbench knows how to use as linkers, by Rust triple. */
export const CROSS_LINKERS = GNU_LINKER_PREFIX;

const hasStd = (t: RustToolchain, triples: readonly string[]) => triples.every((triple) => t.stdTargets.includes(triple));

/** Toolchains in order of preference: the default first, then rustup's, then system ones. */
function byPreference(toolchains: readonly RustToolchain[]): RustToolchain[] {
  const rank = (t: RustToolchain) => (t.isDefault ? 0 : t.kind === 'rustup' ? 1 : 2);
  return [...toolchains].sort((a, b) => rank(a) - rank(b));
}

function pickToolchain(facts: MachineFacts, stdTriples: readonly string[], preferred: RustToolchain | null) {
  const ordered = byPreference(facts.toolchains);
  if (preferred && hasStd(preferred, stdTriples)) return { toolchain: preferred, buildStd: false };
  const withStd = ordered.find((t) => hasStd(t, stdTriples));
  if (withStd) return { toolchain: withStd, buildStd: false };
  if (preferred?.hasRustSrc) return { toolchain: preferred, buildStd: true };
  const withSrc = ordered.find((t) => t.hasRustSrc);
  return withSrc ? { toolchain: withSrc, buildStd: true } : null;
}

/** The first half of a target's reason: which rustc compiles it, and whether std is compiled too. */
function compiledBy(picked: { readonly toolchain: RustToolchain; readonly buildStd: boolean }): string {
  return picked.buildStd ? `${picked.toolchain.label}, std built from source once and kept (-Z build-std)` : picked.toolchain.label;
}

function missingStd(requested: string, triple: string, facts: MachineFacts): UnavailablePlan {
  const arch = debianArch(triple);
  const rustup = facts.toolchains.some((t) => t.kind === 'rustup');
  const debian = triple.includes('linux') && arch ? ` Offline on Debian/Ubuntu: \`sudo dpkg --add-architecture ${arch} && sudo apt-get update && sudo apt-get install rustc-web libstd-rust-web-dev:${arch}\`; or install rust-web-src to build std from source.` : ' Or install the Rust standard library sources (rustup component add rust-src, or Debian rust-web-src) to build std from source.';
  return {
    status: 'unavailable',
    requested,
    triple,
    reason: `No Rust toolchain here has the standard library for ${triple}, and none has its sources for -Z build-std.`,
    fix: { summary: `Add the target's standard library.${debian}`, ...(rustup ? { command: `rustup target add ${triple}` } : {}) },
  };
}

/** Since 1.84 rustc strips Mach-O binaries (cargo's release default strips debuginfo) with rust-objcopy. */
function canStripMachO(toolchain: RustToolchain): boolean {
  const release = parseVersion(toolchain.release);
  return toolchain.hasObjcopy || (release !== null && compareVersions(release, { major: 1, minor: 84, patch: 0, prerelease: null }) < 0);
}

function missingObjcopy(requested: string, triple: string, toolchain: RustToolchain): UnavailablePlan {
  return {
    status: 'unavailable',
    requested,
    triple,
    reason: `${toolchain.label} strips macOS binaries with rust-objcopy, and there is none beside it or on PATH.`,
    fix: { summary: INSTALL_OBJCOPY_FIX.summary },
  };
}

/** " The zig on PATH at … does not work: …" when a zig was found but did not answer, else nothing. */
const whyNoZig = (facts: MachineFacts) => (facts.brokenZig ? ` ${facts.brokenZig}` : '');

const ZIG_FIX: Fix = { summary: 'Install zig into Wheelbench’s tools; it links every Linux, Windows and macOS target.', command: 'wheelbench tools install zig' };

function linuxCompatibility(entry: CatalogTarget | null, options: PlanOptions): string | null {
  if (options.compatibility !== undefined) return options.compatibility;
  if (!entry) return null;
  return entry.libc === 'musl' ? 'musllinux_1_2' : 'manylinux2014';
}

function planOne(requested: string, facts: MachineFacts, options: PlanOptions, preferred: RustToolchain | null): TargetPlan {
  const triple = resolveTargetTriple(requested, facts.host);
  if (triple === null) {
    return {
      status: 'unavailable',
      requested,
      triple: null,
      reason: `Unknown target "${requested}". Use a Rust target triple or an alias such as host, linux-x86_64, linux-aarch64, windows-x86_64, macos-arm64.`,
      fix: { summary: 'Run `wheelbench targets` to list the targets and how each builds here.' },
    };
  }
  const entry = catalogEntry(triple) ?? null;
  if (facts.toolchains.length === 0) {
    return { status: 'unavailable', requested, triple, reason: 'No Rust toolchain is installed.', fix: { summary: 'Install Rust with rustup.', command: "curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh" } };
  }
  const base = { status: 'buildable' as const, requested, entry, linker: null, notes: [] as string[] };

  if (triple === facts.host && requested === 'host') {
    const toolchain = preferred ?? (byPreference(facts.toolchains)[0] as RustToolchain);
    const compatibility = options.compatibility ?? null;
    const zig = compatibility !== null && facts.zig;
    return { ...base, triple, toolchain, buildStd: false, zig, compatibility, strategy: zig ? 'zig' : 'native', reason: `Builds natively for this machine with ${toolchain.label}.` };
  }

  if (entry?.os === 'linux' || (!entry && triple.includes('-linux-'))) {
    const picked = pickToolchain(facts, [triple], preferred);
    if (!picked) return missingStd(requested, triple, facts);
    const compatibility = linuxCompatibility(entry, options);
    const crossGcc = facts.crossLinkers[triple] ?? null;
    const native = triple === facts.host;
    if (!native && !facts.zig && !crossGcc) {
      return { status: 'unavailable', requested, triple, reason: `Nothing here can link for ${triple}: neither zig nor a cross gcc (${GNU_LINKER_PREFIX[triple] ?? 'for this target'}).${whyNoZig(facts)}`, fix: ZIG_FIX };
    }
    const zig = facts.zig && (!native || compatibility !== null);
    const linker = !zig && !native ? crossGcc : null;
    const how = zig ? `zig links it${compatibility ? ` as ${compatibility}` : ''}` : linker ? `${linker} links it` : 'the host linker links it';
    return {
      ...base,
      triple,
      toolchain: picked.toolchain,
      buildStd: picked.buildStd,
      zig,
      linker,
      compatibility: zig ? compatibility : null,
      strategy: picked.buildStd ? 'build-std' : zig ? 'zig' : linker ? 'linker' : 'native',
      reason: `${compiledBy(picked)}; ${how}.`,
    };
  }

  if (entry?.os === 'windows' || triple.includes('-windows-')) {
    const msvc = triple.endsWith('-msvc');
    if (msvc && facts.xwinCached) {
      const picked = pickToolchain(facts, [triple], preferred);
      if (picked) {
        return { ...base, triple, toolchain: picked.toolchain, buildStd: picked.buildStd, zig: false, compatibility: null, strategy: picked.buildStd ? 'build-std' : 'xwin', reason: `${compiledBy(picked)}; maturin's xwin links it with the cached MSVC CRT.` };
      }
    }
    const gnu = msvc ? WINDOWS_GNU[triple] : triple;
    if (!gnu) {
      return { status: 'unavailable', requested, triple, reason: `${triple} needs Microsoft's CRT, which maturin's xwin downloads from Microsoft; it is not cached here and there is no GNU alternative for this architecture.`, fix: { summary: 'Build once with internet access (maturin build --target ' + triple + ') so xwin caches the CRT, or build on Windows.' } };
    }
    const picked = pickToolchain(facts, [gnu], preferred);
    if (!picked) return missingStd(requested, gnu, facts);
    const mingw = facts.crossLinkers[gnu] ?? null;
    if (!mingw && !facts.zig) {
      return { status: 'unavailable', requested, triple: gnu, reason: `Nothing here can link for ${gnu}: neither mingw-w64 nor zig.${whyNoZig(facts)}`, fix: { summary: 'Install mingw-w64 (sudo apt-get install mingw-w64), or zig.', command: 'wheelbench tools install zig' } };
    }
    const notes = msvc ? [`${triple} needs Microsoft's CRT (downloaded by xwin); building the GNU ABI ${gnu} instead, which produces the same win_amd64 wheel.`] : [];
    return {
      ...base,
      triple: gnu,
      toolchain: picked.toolchain,
      buildStd: picked.buildStd,
      zig: !mingw,
      linker: mingw,
      compatibility: null,
      strategy: picked.buildStd ? 'build-std' : mingw ? 'linker' : 'zig',
      reason: `${compiledBy(picked)}; ${mingw ? 'mingw-w64' : 'zig'} links it as ${gnu}.`,
      notes,
    };
  }

  if (entry?.os === 'macos' || triple.endsWith('-apple-darwin')) {
    const stdTriples = entry?.stdTriples ?? [triple];
    if (facts.host.endsWith('-apple-darwin')) {
      const picked = pickToolchain(facts, stdTriples, preferred);
      if (!picked) return missingStd(requested, stdTriples.find((t) => !facts.toolchains.some((tc) => tc.stdTargets.includes(t))) ?? triple, facts);
      return { ...base, triple, toolchain: picked.toolchain, buildStd: picked.buildStd, zig: false, compatibility: null, strategy: picked.buildStd ? 'build-std' : 'native', reason: `Builds natively on macOS with ${picked.toolchain.label}.` };
    }
    if (!facts.zig) return { status: 'unavailable', requested, triple, reason: `Linking for macOS from ${facts.host} needs zig.${whyNoZig(facts)}`, fix: ZIG_FIX };
    const picked = pickToolchain(facts, stdTriples, preferred);
    if (!picked) return missingStd(requested, triple, facts);
    if (!canStripMachO(picked.toolchain)) return missingObjcopy(requested, triple, picked.toolchain);
    return {
      ...base,
      triple,
      toolchain: picked.toolchain,
      buildStd: picked.buildStd,
      zig: true,
      compatibility: null,
      strategy: picked.buildStd ? 'build-std' : 'zig',
      reason: `${compiledBy(picked)}; zig links it for macOS.`,
      notes: ['Built without a macOS SDK: crates that link Apple frameworks (CoreFoundation…) need one (set SDKROOT).'],
    };
  }

  return { status: 'unavailable', requested, triple, reason: `Wheelbench does not know how to build wheels for ${triple}.`, fix: { summary: 'Run `wheelbench targets` for the supported targets.' } };
}

/** The std triples a target needs, as the planner will build it (MSVC falls back to GNU without xwin). */
function stdTriplesOf(triple: string, facts: MachineFacts): readonly string[] {
  const gnu = WINDOWS_GNU[triple];
  if (gnu && !facts.xwinCached) return [gnu];
  return catalogEntry(triple)?.stdTriples ?? [triple];
}

/**
 * Plans every requested target. A matrix prefers the one toolchain that can serve the most targets
 * (by std, or by its sources for build-std), so host artifacts (proc-macros, build scripts) compiled
 * once in the shared target dir serve every target.
 */
export function planTargets(requested: readonly string[], facts: MachineFacts, options: PlanOptions = {}): readonly TargetPlan[] {
  const needs = requested
    .map((r) => resolveTargetTriple(r, facts.host))
    .filter((t): t is string => t !== null)
    .map((t) => stdTriplesOf(t, facts));
  const score = (t: RustToolchain) => needs.filter((triples) => hasStd(t, triples)).length * 2 + (t.hasRustSrc ? needs.filter((n) => !hasStd(t, n)).length : 0);
  const ordered = byPreference(facts.toolchains);
  const common = ordered.reduce<RustToolchain | null>((best, t) => (best === null || score(t) > score(best) ? t : best), null);
  const planned = new Map<string, string>();
  const unanswered = facts.unanswered?.length ? ` Found but not answering, so not considered: ${facts.unanswered.join('; ')}.` : '';
  return requested.map((r) => {
    const plan = planOne(r, facts, options, common);
    if (plan.status !== 'buildable') return unanswered ? { ...plan, reason: `${plan.reason}${unanswered}` } : plan;
    const earlier = planned.get(plan.triple);
    if (earlier !== undefined) {
      return {
        status: 'unavailable',
        requested: r,
        triple: plan.triple,
        reason: `${r} builds ${plan.triple}, which this run already builds as ${earlier}.`,
        fix: { summary: `Build ${r} in a separate run.` },
      };
    }
    planned.set(plan.triple, r);
    return plan;
  });
}

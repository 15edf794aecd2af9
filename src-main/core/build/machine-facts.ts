import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { findExecutable } from '../process/which';
import type { ToolchainContext } from '../toolchain/context';
import { resolveMaturin } from '../toolchain/resolve';
import { findDefaultRustToolchain, surveyRustToolchains, unusableRustcLabel } from '../toolchain/rust-toolchains';
import { brokenZigNote, locateZig } from '../toolchain/zig-locate';
import { hostTriple } from './host-target';
import { CROSS_LINKERS, type MachineFacts } from './planner';

export interface FactsScope {
  /** Only native host builds are planned: the default toolchain is all that matters. */
  readonly hostOnly?: boolean;
}

/** What the planner needs to know about this machine, probed in parallel (and no more than needed). */
export async function gatherMachineFacts(ctx: ToolchainContext, scope: FactsScope = {}): Promise<MachineFacts> {
  const [survey, zig] = scope.hostOnly
    ? [await findDefaultRustToolchain(ctx).then((t) => ({ usable: t ? [t] : [], unusable: [] })), null]
    : await Promise.all([surveyRustToolchains(ctx), resolveMaturin(ctx).then((maturin) => locateZig(ctx, maturin))]);
  const toolchains = survey.usable;
  return {
    host: toolchains.find((t) => t.isDefault)?.host ?? hostTriple(),
    toolchains,
    unanswered: survey.unusable.map((u) => `${unusableRustcLabel(u)}: ${u.reason}`),
    zig: zig !== null && zig.chosen !== null,
    brokenZig: zig === null ? null : brokenZigNote(zig),
    crossLinkers: crossLinkersOnPath(ctx.env),
    xwinCached: xwinCached(ctx.env),
  };
}

/** The cross C compilers on PATH the planner can use as linkers, by the Rust triple they link for. */
export function crossLinkersOnPath(env: NodeJS.ProcessEnv): Record<string, string> {
  const crossLinkers: Record<string, string> = {};
  for (const [triple, gcc] of Object.entries(CROSS_LINKERS)) {
    const found = findExecutable(gcc, env);
    if (found) crossLinkers[triple] = found;
  }
  return crossLinkers;
}

/** maturin's xwin has the MSVC CRT from an earlier online build. */
export function xwinCached(env: NodeJS.ProcessEnv): boolean {
  const cache = env.XDG_CACHE_HOME || join(env.HOME || homedir(), '.cache');
  return existsSync(join(cache, 'cargo-xwin', 'xwin'));
}

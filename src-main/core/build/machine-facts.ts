import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { findExecutable } from '../process/which';
import type { ToolchainContext } from '../toolchain/context';
import { resolveZig } from '../toolchain/resolve';
import { findDefaultRustToolchain, findRustToolchains } from '../toolchain/rust-toolchains';
import { hostTriple } from './host-target';
import { CROSS_LINKERS, type MachineFacts } from './planner';

export interface FactsScope {
  /** Only native host builds are planned: the default toolchain is all that matters. */
  readonly hostOnly?: boolean;
}

/** What the planner needs to know about this machine, probed in parallel (and no more than needed). */
export async function gatherMachineFacts(ctx: ToolchainContext, scope: FactsScope = {}): Promise<MachineFacts> {
  const [toolchains, zig] = scope.hostOnly
    ? [await findDefaultRustToolchain(ctx).then((t) => (t ? [t] : [])), null]
    : await Promise.all([findRustToolchains(ctx), resolveZig(ctx)]);
  const crossLinkers: Record<string, string> = {};
  for (const [triple, gcc] of Object.entries(CROSS_LINKERS)) {
    const found = findExecutable(gcc, ctx.env);
    if (found) crossLinkers[triple] = found;
  }
  const cache = ctx.env.XDG_CACHE_HOME || join(ctx.env.HOME || homedir(), '.cache');
  return {
    host: toolchains.find((t) => t.isDefault)?.host ?? hostTriple(),
    toolchains,
    zig: zig !== null,
    crossLinkers,
    xwinCached: existsSync(join(cache, 'cargo-xwin', 'xwin')),
  };
}

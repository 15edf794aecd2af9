import { join } from 'node:path';
import type { DoctorCheck } from '../../../common/domain';
import { findExecutable } from '../../process/which';
import type { ToolchainContext } from '../context';
import { addTargetFix, installRustFix } from '../fixes';
import { rustcTargetList, rustlibDir, type RustcProbe } from '../rustc-info';
import { resolveTargetTriple, stdTriplesFor, TARGET_ALIASES } from '../targets-aliases';
import { failed, passed, type CheckHeader } from './check';

interface Requested {
  readonly name: string;
  readonly triple: string | null;
}

/** One `rust.std.<triple>` check per distinct requested target. */
export async function stdChecks(
  ctx: ToolchainContext,
  rustcProbe: Promise<RustcProbe>,
  targets: readonly string[],
): Promise<readonly DoctorCheck[]> {
  if (targets.length === 0) return [];
  const rustc = await rustcProbe;
  const host = rustc.found ? rustc.info.host : null;
  const requested = distinct(targets.map((name) => ({ name, triple: resolveTargetTriple(name, host) })));
  let knownTriples: Promise<ReadonlySet<string> | null> | null = null;
  const targetList = () => (knownTriples ??= rustc.found ? rustcTargetList(ctx, rustc.path) : Promise.resolve(null));
  return Promise.all(requested.map((target) => stdCheck(ctx, rustc, target, targetList)));
}

function distinct(requested: readonly Requested[]): readonly Requested[] {
  const seen = new Set<string>();
  return requested.filter((target) => {
    const key = target.triple ?? target.name;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function header(target: Requested): CheckHeader {
  const triple = target.triple ?? target.name;
  const alias = target.triple !== null && target.name !== target.triple ? ` (${target.name})` : '';
  return { id: `rust.std.${triple}`, title: `Rust standard library for ${triple}${alias}` };
}

async function stdCheck(
  ctx: ToolchainContext,
  rustc: RustcProbe,
  target: Requested,
  targetList: () => Promise<ReadonlySet<string> | null>,
): Promise<DoctorCheck> {
  const head = header(target);
  if (!rustc.found) {
    return failed(head, 'skip', `Cannot check without a Rust compiler: ${rustc.reason}.`, installRustFix());
  }
  if (target.triple === null) {
    return failed(head, 'error', `'${target.name}' is neither a Rust target triple nor a Wheelbench target alias.`, {
      summary: `Use a triple from \`rustc --print target-list\` or one of: ${TARGET_ALIASES.join(', ')}.`,
    });
  }
  if (rustc.sysroot === null) {
    return failed(head, 'skip', `Cannot check: the sysroot of ${rustc.path} is unknown (${rustc.sysrootProblem}).`, {
      summary: 'Reinstall the Rust toolchain so that `rustc --print sysroot` works.',
      command: 'rustup toolchain install stable',
    });
  }
  const rustlib = rustlibDir(rustc.sysroot);
  const where = (triple: string) => join(rustlib, triple, 'lib');
  const needed = stdTriplesFor(target.triple);
  const missing = needed.filter((triple) => !rustc.installedStd.includes(triple));
  if (missing.length === 0) {
    return passed(head, needed.map((triple) => `std for ${triple} found in ${where(triple)}`).join('\n'));
  }
  const known = await targetList();
  const unknown = known === null ? [] : missing.filter((triple) => !known.has(triple));
  if (unknown.length > 0) {
    return failed(head, 'error', `${rustc.info.banner} does not know the target ${unknown.join(', ')}.`, {
      summary: `Check the spelling: \`rustc --print target-list\` lists every triple; aliases: ${TARGET_ALIASES.join(', ')}.`,
    });
  }
  const detail = missing
    .map((triple) => `No standard library for ${triple}: ${where(triple)} has no libstd-*.rlib.`)
    .concat(`Building for ${target.triple} fails with "can't find crate for \`core\`" until it is installed.`)
    .join('\n');
  return failed(head, 'error', detail, addTargetFix(missing, findExecutable('rustup', ctx.env) !== null));
}

import { homedir } from 'node:os';
import { join } from 'node:path';
import type { DoctorCheck } from '../../../common/domain';
import { checkWritableDir } from '../../fs/writable';
import type { ToolchainContext } from '../context';
import { runnableFix } from '../fix-actions';
import { managedInstallFix } from '../fixes';
import { managedVenvDir, zigCacheDir } from '../managed-paths';
import type { ResolvedZig } from '../tool-types';
import { brokenZigNote, type ZigSearch } from '../zig-locate';
import { failed, lines, passed } from './check';

const ZIG = { id: 'tool.zig', title: 'zig (cross-compiling and manylinux linking)' };
const ZIG_CACHE = { id: 'tool.zig.cache', title: 'zig cache directory' };

export function zigCheck(ctx: ToolchainContext, search: ZigSearch): DoctorCheck {
  const brokenNote = brokenZigNote(search);
  const { chosen } = search;
  if (chosen === null) {
    const asked = search.pythonsAsked.length
      ? `No ziglang package in: ${search.pythonsAsked.join(', ')}.`
      : 'No Python interpreter was found to look for the ziglang package in.';
    const status = search.brokenSystemZig ? 'error' : 'warn';
    return failed(
      ZIG,
      status,
      lines(brokenNote ?? 'zig is not on PATH.', asked, 'zig is only needed for cross-compiled and manylinux builds (maturin --zig); host builds work without it.'),
      managedInstallFix(ZIG.id, ['zig'], "Install zig into Wheelbench's own tools (the ziglang package from PyPI)"),
    );
  }
  return passed(ZIG, lines(describeZig(chosen, managedVenvDir(ctx.dataDir)), brokenNote));
}

function describeZig(zig: ResolvedZig, venv: string): string {
  const version = zig.version ?? '(version unknown)';
  if (zig.kind === 'system') return `zig ${version}, on PATH at ${zig.path}`;
  const where = zig.source === 'managed' ? `Wheelbench-managed at ${venv}` : `on PATH`;
  return `zig ${version} from the ziglang package of ${zig.python} (${where})`;
}

/**
 * zig writes its global cache on every link. Wheelbench points ZIG_GLOBAL_CACHE_DIR at its own dir for
 * builds, so that one must be writable; the user's default matters for zig runs outside Wheelbench.
 */
export function zigCacheCheck(ctx: ToolchainContext): DoctorCheck {
  const ours = zigCacheDir(ctx.dataDir);
  const usersDir = ctx.env.ZIG_GLOBAL_CACHE_DIR || join(ctx.env.XDG_CACHE_HOME || join(ctx.env.HOME || homedir(), '.cache'), 'zig');
  const mine = checkWritableDir(ours);
  const theirs = checkWritableDir(usersDir);
  const theirsNote = theirs.writable
    ? null
    : `Outside Wheelbench, zig uses ${usersDir}${ctx.env.ZIG_GLOBAL_CACHE_DIR ? ' (ZIG_GLOBAL_CACHE_DIR)' : ''}, which fails: ${theirs.reason}. ` +
      `Your own \`maturin build --zig\` fails there with "AccessDenied" until you export ZIG_GLOBAL_CACHE_DIR=${ours}.`;
  if (!mine.writable) {
    return failed(
      ZIG_CACHE,
      'error',
      lines(`Builds run with ZIG_GLOBAL_CACHE_DIR=${ours}, and ${mine.reason}.`, 'zig fails with "AccessDenied" when it cannot write its cache.', theirsNote),
      runnableFix(ZIG_CACHE.id, `Give Wheelbench a fresh, writable zig cache directory at ${ours} (an unwritable one is moved aside).`, `mkdir -p ${ours}`, {
        kind: 'zig-cache-dir',
        dir: ours,
      }),
    );
  }
  const detail = lines(`Builds run with ZIG_GLOBAL_CACHE_DIR=${ours} (${mine.exists ? 'writable' : 'created on first use'}).`, theirsNote);
  if (theirsNote) {
    return failed(ZIG_CACHE, 'warn', detail, { summary: `For zig runs outside Wheelbench, point zig at a writable cache.`, command: `export ZIG_GLOBAL_CACHE_DIR=${ours}` });
  }
  return passed(ZIG_CACHE, detail);
}

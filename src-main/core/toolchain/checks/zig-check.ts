import type { DoctorCheck } from '../../../common/domain';
import type { ToolchainContext } from '../context';
import { INSTALL_ZIG_FIX } from '../fixes';
import { managedVenvDir, zigCacheDir } from '../managed-paths';
import type { ResolvedZig } from '../tool-types';
import type { ZigSearch } from '../zig-locate';
import { failed, lines, passed } from './check';

const ZIG = { id: 'tool.zig', title: 'zig (cross-compiling and manylinux linking)' };

export function zigCheck(ctx: ToolchainContext, search: ZigSearch): DoctorCheck {
  const brokenNote = search.brokenSystemZig
    ? `The zig on PATH at ${search.brokenSystemZig.path} does not work: ${search.brokenSystemZig.problem}.`
    : null;
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
      INSTALL_ZIG_FIX,
    );
  }
  return passed(
    ZIG,
    lines(describeZig(chosen, managedVenvDir(ctx.dataDir)), brokenNote, `Builds run with ZIG_GLOBAL_CACHE_DIR=${zigCacheDir(ctx.dataDir)}.`),
  );
}

function describeZig(zig: ResolvedZig, venv: string): string {
  const version = zig.version ?? '(version unknown)';
  if (zig.kind === 'system') return `zig ${version}, on PATH at ${zig.path}`;
  const where = zig.source === 'managed' ? `Wheelbench-managed at ${venv}` : `on PATH`;
  return `zig ${version} from the ziglang package of ${zig.python} (${where})`;
}

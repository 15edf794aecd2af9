import type { DoctorCheck, Fix } from '../../../common/domain';
import type { ToolchainContext } from '../context';
import { INSTALL_MATURIN_FIX } from '../fixes';
import { managedVenvDir } from '../managed-paths';
import type { MaturinSearch } from '../maturin-locate';
import { pythonsBeside } from '../python-discovery';
import type { BrokenCopy, ResolvedTool } from '../tool-types';
import { shellQuote } from '../shell-quote';
import { isOlderThan } from '../versions';
import { failed, lines, passed } from './check';

const MATURIN = { id: 'tool.maturin', title: 'maturin' };
const AUTHOR_METADATA_FIXED_IN = '1.9.2';

export function maturinCheck(ctx: ToolchainContext, search: MaturinSearch): DoctorCheck {
  const venv = managedVenvDir(ctx.dataDir);
  const brokenNotes = search.broken.map((copy) => describeBroken(copy, venv));
  const { chosen } = search;
  if (chosen === null) {
    const absent = search.broken.length === 0 ? `maturin is not on PATH and Wheelbench's own tools (${venv}) do not have it.` : null;
    return failed(MATURIN, 'error', lines(absent, ...brokenNotes, 'maturin builds every wheel; nothing can be built without it.'), INSTALL_MATURIN_FIX);
  }
  const detail = lines(`maturin ${chosen.version ?? '(version unknown)'}, ${describeCopy(chosen, venv)}`, ...brokenNotes);
  if (chosen.version === null) {
    return failed(MATURIN, 'warn', lines(detail, '`maturin --version` printed no version Wheelbench could read.'), upgradeFix(ctx, chosen));
  }
  if (isOlderThan(chosen.version, AUTHOR_METADATA_FIXED_IN)) {
    return failed(
      MATURIN,
      'warn',
      lines(detail, `maturin ${chosen.version} writes author metadata wrongly (fixed in ${AUTHOR_METADATA_FIXED_IN}); upgrade it.`),
      upgradeFix(ctx, chosen),
    );
  }
  return passed(MATURIN, detail);
}

function describeCopy(tool: ResolvedTool, venv: string): string {
  return tool.source === 'managed' ? `Wheelbench-managed at ${venv}` : `on PATH at ${tool.path}`;
}

function describeBroken(copy: BrokenCopy, venv: string): string {
  const which = copy.source === 'managed' ? `Wheelbench's managed copy in ${venv}` : `The copy on PATH at ${copy.path}`;
  return `${which} does not work: ${copy.problem}.`;
}

function upgradeFix(ctx: ToolchainContext, tool: ResolvedTool): Fix {
  if (tool.source === 'managed') {
    return { summary: "Upgrade Wheelbench's own maturin.", command: INSTALL_MATURIN_FIX.command };
  }
  const python = pythonsBeside(tool.path, ctx.env)[0];
  const summary = `Upgrade the maturin at ${tool.path} to ${AUTHOR_METADATA_FIXED_IN} or newer in the environment that provides it (pipx users: pipx upgrade maturin).`;
  return { summary, command: `${python ? `${shellQuote(python)} -m pip` : 'pip'} install --upgrade 'maturin>=${AUTHOR_METADATA_FIXED_IN}'` };
}

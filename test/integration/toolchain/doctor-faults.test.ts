import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DoctorReport } from '../../../src-main/common/domain';
import { gatherMachineFacts } from '../../../src-main/core/build/machine-facts';
import { planTargets } from '../../../src-main/core/build/planner';
import { runDoctor } from '../../../src-main/core/toolchain/doctor';
import { COMPILER_PROBE } from '../../../src-main/core/toolchain/probe';
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

/**
 * Every fault must still give an answer: no probe may hang the doctor past the longest deadline, a
 * compiler's (zig's first start on a fresh machine took 10 s in CI; it is given 15).
 */
async function doctor(fake: FakeEnv, targets: readonly string[] = [], system?: { cgroupRoot: string; procSelfCgroup: string }): Promise<DoctorReport> {
  const started = Date.now();
  const report = await runDoctor(system ? { ...fake.ctx, system: { ...fake.ctx.system, ...system } } : fake.ctx, { targets });
  expect(Date.now() - started).toBeLessThan((COMPILER_PROBE.timeoutMs ?? 0) + 3000);
  return report;
}

// Fakes exist here only to inject faults the real machine does not have.
describe('doctor with broken or missing tools', () => {
  let fake: FakeEnv;
  beforeEach(() => {
    fake = new FakeEnv();
  });
  afterEach(() => fake.cleanup());

  it('reports a missing maturin as an error whose fix installs the managed copy', async () => {
    fake.linkRealRust().link('python3', realPython()).link('cc', '/usr/bin/cc');
    const report = await doctor(fake, ['host']);
    const maturin = checkOf(report, 'tool.maturin');
    expect(maturin.status).toBe('error');
    expect(maturin.detail).toContain('maturin is not on PATH');
    expect(maturin.fix).toEqual({ summary: "Install maturin into Wheelbench's own tools", command: 'wheelbench tools install maturin', id: 'tool.maturin' });
    // A build installs maturin first, so the target is still buildable; the doctor says what will happen.
    expect(checkOf(report, 'target.x86_64-unknown-linux-gnu')).toMatchObject({
      status: 'ok',
      detail: expect.stringContaining("maturin is not installed: the build first installs it into Wheelbench's own tools (from PyPI)."),
    });
    expect(await resolveMaturin(fake.ctx)).toBeNull();
  });

  it('warns that maturin 1.9.1 writes author metadata wrongly, and offers a current managed maturin', async () => {
    fake.script('maturin', 'echo "maturin 1.9.1"');
    const maturin = checkOf(await doctor(fake), 'tool.maturin');
    expect(maturin.status).toBe('warn');
    expect(maturin.detail).toContain(`maturin 1.9.1, on PATH at ${join(fake.binDir, 'maturin')}`);
    expect(maturin.detail).toContain('maturin 1.9.1 writes the author metadata of wheels wrongly (fixed in 1.9.2).');
    expect(maturin.fix).toMatchObject({ id: 'tool.maturin', command: 'wheelbench tools install maturin' });
    expect(maturin.fix?.summary).toContain("install --upgrade 'maturin>=1.10.0'");
  });

  it('warns, with the exact apt command behind a confirmation, when protoc is missing', async () => {
    fake.link('apt-get', '/usr/bin/apt-get');
    const protoc = checkOf(await doctor(fake), 'tool.protoc');
    expect(protoc.status).toBe('warn');
    expect(protoc.detail).toContain('protoc is not on PATH.');
    expect(protoc.fix).toMatchObject({ id: 'tool.protoc', needsConfirmation: true, command: expect.stringMatching(/^(sudo )?apt-get install -y --no-install-recommends protobuf-compiler$/) });
    expect(protoc.fix?.summary).toContain('PROTOC');
  });

  it('uses and checks PROTOC when it is set', async () => {
    fake.setEnv({ PROTOC: REAL.protoc() });
    expect(checkOf(await doctor(fake), 'tool.protoc')).toMatchObject({ status: 'ok', detail: expect.stringContaining('(from PROTOC)') });
    const broken = fake.script('broken-protoc', 'echo "protoc: cannot open shared object" >&2; exit 127');
    fake.setEnv({ PROTOC: broken });
    const protoc = checkOf(await doctor(fake), 'tool.protoc');
    expect(protoc.status).toBe('error');
    expect(protoc.detail).toContain('exited with code 127: protoc: cannot open shared object');
  });

  it('reports a missing cargo with the way to install Rust', async () => {
    fake.link('rustc', REAL.rustc()).link('rustup', REAL.rustup());
    const cargo = checkOf(await doctor(fake), 'rust.cargo');
    expect(cargo).toMatchObject({ status: 'error', detail: 'cargo is not on PATH; maturin drives every build through it.' });
    expect(cargo.fix?.command).toContain('https://sh.rustup.rs');
  });

  it('warns about a cargo wrapped by cargo-auditable, which breaks zig linking', async () => {
    fake.link('rustc', REAL.rustc());
    fake.script('cargo', `if [ "$1" = --version ]; then echo "cargo 1.80.0 (nix)"; exit 0; fi\nexec cargo-auditable auditable "$@"`);
    const cargo = checkOf(await doctor(fake), 'rust.cargo');
    expect(cargo.status).toBe('warn');
    expect(cargo.detail).toContain('cargo-auditable wrapper');
    expect(cargo.detail).toContain('unsupported linker arg: --undefined');
    expect(cargo.fix?.summary).toContain('auditable = false');
  });

  it('without zig: a warning with a one-click install, and cross targets lack a linker', async () => {
    fake.linkRealRust().link('python3', '/usr/bin/python3');
    const report = await doctor(fake, ['linux-aarch64']);
    const zig = checkOf(report, 'tool.zig');
    expect(zig.status).toBe('warn');
    expect(zig.detail).toContain(`No ziglang package in: ${join(fake.binDir, 'python3')}.`);
    expect(zig.fix).toMatchObject({ id: 'tool.zig', command: 'wheelbench tools install zig' });
    const link = checkOf(report, 'link.aarch64-unknown-linux-gnu');
    expect(link.status).toBe('error');
    expect(link.detail).toContain('No linker for aarch64-unknown-linux-gnu: zig is not installed and no cross gcc for it is on PATH.');
    expect(link.fix).toMatchObject({ id: 'link.aarch64-unknown-linux-gnu', command: 'wheelbench tools install zig' });
  });

  it('finishes within seconds when a tool hangs, and reports the hang as a timeout', async () => {
    const pidFile = join(fake.root, 'hung.pids');
    fake.linkRealRust().link('python3', realPython());
    fake.script('maturin', `/bin/sleep 1000 &\necho "$$ $!" > '${pidFile}'\nwait`);
    const started = Date.now();
    const report = await doctor(fake);
    expect(Date.now() - started).toBeLessThan(8000);
    expect(checkOf(report, 'rust.rustc').status).toBe('ok');
    const maturin = checkOf(report, 'tool.maturin');
    expect(maturin.status).toBe('error');
    expect(maturin.detail).toMatch(/does not work: timed out: `--version` gave no answer within 5 s/);
    expect(maturin.fix?.command).toBe('wheelbench tools install maturin');
    const pids = readFileSync(pidFile, 'utf8').trim().split(' ').map(Number);
    expect(pids.filter(isRunning)).toEqual([]);
  });

  it('reports every piece missing, honestly and with a fix each, on an empty PATH and an empty HOME', async () => {
    fake.setEnv({ HOME: fake.root, PYENV_ROOT: undefined });
    const report = await doctor(fake, ['linux-aarch64']);
    const statuses = Object.fromEntries(report.checks.map((check) => [check.id, check.status]));
    expect(statuses).toMatchObject({
      'rust.rustc': 'error',
      'rust.toolchains': 'skip',
      'rust.cargo': 'error',
      'rust.rustup': 'warn',
      'tool.maturin': 'error',
      'tool.zig': 'warn',
      'python.interpreters': 'error',
      'tool.protoc': 'warn',
      'target.aarch64-unknown-linux-gnu': 'error',
      'rust.std.aarch64-unknown-linux-gnu': 'error',
      'link.aarch64-unknown-linux-gnu': 'error',
    });
    expect(checkOf(report, 'rust.rustc').fix?.command).toContain('https://sh.rustup.rs');
    expect(checkOf(report, 'target.aarch64-unknown-linux-gnu').detail).toContain('No Rust toolchain was found.');
    for (const check of report.checks) if (check.status !== 'ok') expect(check.fix, check.id).toBeDefined();
  });

  it("with an empty HOME, rustup's proxies have no toolchain, and names the rustc that does work", async () => {
    fake.linkRealRust().link('python3', realPython());
    const systemBin = join(fake.root, 'system-bin');
    mkdirSync(systemBin);
    symlinkSync('/usr/bin/rustc', join(systemBin, 'rustc'));
    mkdirSync(join(fake.root, 'home'));
    fake.setEnv({ HOME: join(fake.root, 'home') });
    const report = await runDoctor({ ...fake.ctx, env: { ...fake.ctx.env, PATH: `${fake.binDir}:${systemBin}` } });
    const rustc = checkOf(report, 'rust.rustc');
    expect(rustc.status).toBe('error');
    expect(rustc.detail).toMatch(/rustup could not choose a version of rustc to run|no default/);
    expect(rustc.detail).toMatch(new RegExp(`Another toolchain works: system rustc 1\\.\\d+\\.\\d+ \\(${join(systemBin, 'rustc')}\\)\\. Wheelbench builds with it`));
    expect(rustc.fix).toMatchObject({ command: 'rustup default stable' });
    expect(checkOf(report, 'rust.toolchains').detail).toMatch(/std: aarch64-unknown-linux-gnu, x86_64-unknown-linux-gnu; rust-src: yes/);
  });

  it('names a second rustc that is found but does not run, instead of leaving it out without a word', async () => {
    fake.linkRealRust();
    const brokenBin = join(fake.root, 'broken-bin');
    mkdirSync(brokenBin);
    writeFileSync(join(brokenBin, 'rustc'), '#!/bin/sh\necho "rustc: error while loading shared libraries: libLLVM.so.19.1: cannot open shared object file" >&2\nexit 127\n', { mode: 0o755 });
    const report = await runDoctor({ ...fake.ctx, env: { ...fake.ctx.env, PATH: `${fake.binDir}:${brokenBin}` } });
    const toolchains = checkOf(report, 'rust.toolchains');
    expect(toolchains.status).toBe('ok');
    expect(toolchains.detail).toMatch(/\(active\): std: .*x86_64-unknown-linux-gnu/);
    expect(toolchains.detail).toContain(
      `Left out, it does not answer: system rustc ${join(brokenBin, 'rustc')}: \`-vV\` exited with code 127: rustc: error while loading shared libraries: libLLVM.so.19.1: cannot open shared object file.`,
    );
  });

  it('errors with `rustup target add` when the real rustc lacks a requested std', async () => {
    fake.linkRealRust();
    const std = checkOf(await doctor(fake, ['aarch64-unknown-linux-gnu']), 'rust.std.aarch64-unknown-linux-gnu');
    expect(std.status).toBe('error');
    expect(std.detail).toContain("can't find crate for `core`");
    expect(std.fix).toMatchObject({
      id: 'rust.std.aarch64-unknown-linux-gnu',
      command: 'rustup target add --toolchain stable-x86_64-unknown-linux-gnu aarch64-unknown-linux-gnu',
    });
    expect(std.fix?.summary).toContain('libstd-rust-web-dev:arm64');
  });

  it('reads std from the sysroot a rustc reports (a system rustc, no rustup at all)', async () => {
    fake.setEnv({ HOME: fake.root });
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
    const report = await doctor(fake, ['host', 'linux-aarch64', 'made-up-target']);
    expect(checkOf(report, 'rust.rustc')).toMatchObject({ status: 'ok', detail: expect.stringContaining('target std installed: x86_64-unknown-linux-gnu') });
    expect(checkOf(report, 'rust.std.x86_64-unknown-linux-gnu').status).toBe('ok');
    const aarch64 = checkOf(report, 'rust.std.aarch64-unknown-linux-gnu');
    expect(aarch64.status).toBe('error');
    expect(aarch64.fix?.command).toBeUndefined();
    expect(aarch64.fix?.summary).toContain('rustup is not installed here');
    expect(aarch64.fix?.summary).toContain('libstd-rust-web-dev:arm64');
    const madeUp = checkOf(report, 'target.made-up-target');
    expect(madeUp.status).toBe('error');
    expect(madeUp.detail).toContain('does not know the target made-up-target');
    expect(checkOf(report, 'rust.rustup').status).toBe('warn');
  });

  it('explains a rustc that cannot run, such as a rustup proxy without a toolchain', async () => {
    fake.script('rustc', 'echo "error: rustup could not choose a version of rustc to run, because one wasn\'t specified explicitly, and no default is configured." >&2; exit 1');
    const rustc = checkOf(await doctor(fake), 'rust.rustc');
    expect(rustc.status).toBe('error');
    expect(rustc.detail).toContain('rustup could not choose a version of rustc');
    expect(rustc.fix?.summary).toContain('rustup');
  });

  it('passes over a broken system zig to a working ziglang package, and says so', async () => {
    fake.link('python3', realPython());
    fake.script('zig', 'echo "Illegal instruction" >&2; exit 132');
    const zig = checkOf(await doctor(fake), 'tool.zig');
    expect(zig.status).toBe('ok');
    expect(zig.detail).toMatch(/^zig \d+\.\d+\.\d+ from the ziglang package of /);
    expect(zig.detail).toContain(`The zig on PATH at ${join(fake.binDir, 'zig')} does not work`);
  });

  it('with only a broken zig, targets that need zig say which zig does not work', async () => {
    fake.linkRealRust().link('python3', '/usr/bin/python3');
    fake.script('zig', 'echo "Illegal instruction" >&2; exit 132');
    const facts = await gatherMachineFacts(fake.ctx);
    expect(facts).toMatchObject({ zig: false, brokenZig: expect.stringContaining(`The zig on PATH at ${join(fake.binDir, 'zig')} does not work: `) });
    const [mac] = planTargets(['macos-arm64'], facts);
    expect(mac).toMatchObject({ status: 'unavailable', fix: { command: 'wheelbench tools install zig' } });
    expect(mac?.reason).toMatch(new RegExp(`^Linking for macOS from \\S+ needs zig\\. The zig on PATH at ${join(fake.binDir, 'zig')} does not work: .*Illegal instruction`));
  });

  it('lists interpreters that exist but do not run, and ignores pyenv placeholders for versions not installed', async () => {
    fake.link('python3', realPython());
    fake.script('python3.98', 'echo "Fatal Python error: init_fs_encoding" >&2; exit 1');
    fake.script('python3.99', 'echo "pyenv: python3.99: command not found" >&2; exit 127');
    const pythons = checkOf(await doctor(fake), 'python.interpreters');
    expect(pythons.status).toBe('ok');
    expect(pythons.detail).toMatch(/^Python 3\.\d+\.\d+ \(x86_64, \w+\) at \//);
    expect(pythons.detail).toContain(`Not usable: ${join(fake.binDir, 'python3.98')} (Fatal Python error: init_fs_encoding)`);
    expect(pythons.detail).not.toContain('python3.99');
  });

  it('errors when zig cannot write its cache directory, with the fix that makes a fresh one', async () => {
    mkdirSync(join(fake.dataDir, 'cache'), { recursive: true });
    writeFileSync(join(fake.dataDir, 'cache', 'zig'), 'not a directory');
    const cache = checkOf(await doctor(fake), 'tool.zig.cache');
    expect(cache.status).toBe('error');
    expect(cache.detail).toContain(`${join(fake.dataDir, 'cache', 'zig')} exists but is not a directory`);
    expect(cache.detail).toContain('zig fails with "AccessDenied"');
    expect(cache.fix).toMatchObject({ id: 'tool.zig.cache', summary: expect.stringContaining('fresh, writable zig cache directory') });
  });

  it('warns under a container memory limit (cgroup v2) and proposes the low-memory profile', async () => {
    const cgroupRoot = join(fake.root, 'cgroup');
    mkdirSync(join(cgroupRoot, 'codespace'), { recursive: true });
    writeFileSync(join(cgroupRoot, 'cgroup.controllers'), 'memory\n');
    writeFileSync(join(cgroupRoot, 'codespace', 'memory.max'), `${2 * 2 ** 30}\n`);
    writeFileSync(join(fake.root, 'self-cgroup'), '0::/codespace\n');
    const memory = checkOf(await doctor(fake, [], { cgroupRoot, procSelfCgroup: join(fake.root, 'self-cgroup') }), 'system.memory');
    expect(memory.status).toBe('warn');
    expect(memory.detail).toMatch(/^cgroup v2 memory limit 2\.0 GiB \(of \d+\.\d GiB RAM\)/);
    expect(memory.fix).toMatchObject({ command: 'wheelbench build . --profile low-memory', summary: expect.stringContaining('CARGO_BUILD_JOBS=2') });
  });

  it('reports unreachable servers (through a dead proxy) as offline, quickly, and offers Debian std instead of rustup', async () => {
    fake.linkRealRust().link('apt-get', '/usr/bin/apt-get');
    fake.setEnv({ HTTPS_PROXY: 'http://127.0.0.1:9', https_proxy: 'http://127.0.0.1:9', NO_PROXY: '', no_proxy: '' });
    const report = await doctor(fake, ['linux-aarch64']);
    for (const id of ['net.rust-dist', 'net.pypi', 'net.crates-io']) {
      const check = checkOf(report, id);
      expect(check.status).toBe('warn');
      expect(check.detail).toContain('cannot be reached via the proxy 127.0.0.1:9: the proxy 127.0.0.1:9 is not reachable: the connection was refused');
      expect(check.fix?.summary).toContain('Check that the proxy 127.0.0.1:9 (HTTPS_PROXY) is up');
    }
    const std = checkOf(report, 'rust.std.aarch64-unknown-linux-gnu');
    expect(std.fix?.summary).toContain("rustup's download server cannot be reached from here");
    expect(std.fix).toMatchObject({ needsConfirmation: true, command: expect.stringContaining('libstd-rust-web-dev:arm64') });
  });

  it('gives up on a server that never answers, within its short deadline', async () => {
    // A proxy that accepts connections and never says a word: the tunnel to every server hangs.
    const silent = createServer(() => undefined);
    await new Promise<void>((ready) => silent.listen(0, '127.0.0.1', ready));
    const proxy = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    try {
      fake.setEnv({ HTTPS_PROXY: proxy, https_proxy: proxy, NO_PROXY: '', no_proxy: '' });
      const report = await doctor(fake);
      expect(report.durationMs).toBeLessThan(4000);
      expect(checkOf(report, 'net.pypi')).toMatchObject({ status: 'warn', detail: expect.stringContaining(`cannot be reached via the proxy ${proxy.slice(7)}: no answer within 1.2 s`) });
    } finally {
      silent.close();
    }
  });
});

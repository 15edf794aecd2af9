import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { VerifyReport, WheelReport } from '../../../src-main/common/wheel-report';
import { findExecutable } from '../../../src-main/core/process/which';
import { hostExampleWheel } from '../../helpers/built-wheels';
import { runCli } from '../../helpers/cli';
import { tempDir } from '../../helpers/paths';
import { readWheelFiles, retag, writeWheel, type WheelFiles } from '../../helpers/wheel-surgery';

// Windows and macOS wheels on Linux: their extension modules are built by real compilers (mingw-w64
// for PE, zig for Mach-O, llvm-lipo for universal2), then checked statically — format, architecture,
// PyInit export — and labelled "not executed" by verify.

const SOURCE = 'void *PyInit__native(void) { return 0; }\nint helper(int x) { return x + 1; }\n';
let dir: string;
let files: WheelFiles;
let host: string;

function compile(compiler: readonly string[], target: string[], out: string): Buffer {
  const src = join(dir, 'native.c');
  writeFileSync(src, SOURCE);
  const [file, ...prefix] = compiler as [string, ...string[]];
  execFileSync(file, [...prefix, ...target, '-shared', '-o', join(dir, out), src], { stdio: 'pipe' });
  return readFileSync(join(dir, out));
}

function platformWheel(platform: string, moduleFile: string, binary: Buffer): string {
  const wheel = new Map(files);
  wheel.delete('hello_pyo3/_native.abi3.so');
  wheel.set(`hello_pyo3/${moduleFile}`, binary);
  const name = retag(wheel, basename(host), platform);
  return writeWheel(tempDir(platform), name, wheel, { fixRecord: true });
}

async function inspect(wheel: string): Promise<WheelReport> {
  return JSON.parse((await runCli(['inspect', wheel, '--json', '--data-dir', tempDir('data')])).stdout) as WheelReport;
}

const zig = (() => {
  try {
    execFileSync('python3', ['-m', 'ziglang', 'version'], { stdio: 'pipe' });
    return ['python3', '-m', 'ziglang', 'cc'];
  } catch {
    return null;
  }
})();
/** llvm-lipo, or a versioned one (Debian's rustc-web brings llvm-lipo-22). */
const lipo = (() => {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    try {
      const name = readdirSync(dir).find((n) => /^llvm-lipo(-\d+)?$/.test(n));
      if (name) return findExecutable(join(dir, name));
    } catch {
      // not a folder
    }
  }
  return null;
})();

describe('Windows and macOS wheels get the static checks, labelled not executed', () => {
  beforeAll(async () => {
    dir = tempDir('native');
    host = hostExampleWheel();
    files = await readWheelFiles(host);
  });

  it('a win_amd64 wheel: PE x86-64 exporting PyInit__native; verify does not run it and says so', async () => {
    const wheel = platformWheel('win_amd64', '_native.pyd', compile(['x86_64-w64-mingw32-gcc'], [], 'native64.pyd'));
    const report = await inspect(wheel);
    expect(report.binaries).toEqual([{ path: 'hello_pyo3/_native.pyd', format: 'pe', architectures: ['x86_64'], sizeBytes: expect.any(Number), needs: [], linkage: null, module: { name: 'hello_pyo3._native', initSymbol: 'PyInit__native', exportsInit: true, suffix: '' } }]);
    expect(report.audits.manylinux.status).toBe('not-applicable');
    expect(report.problems.filter((p) => p.severity !== 'info')).toEqual([]);

    const { code, stdout } = await runCli(['verify', wheel, '--json', '--data-dir', tempDir('data')]);
    expect(code).toBe(0);
    const verified = JSON.parse(stdout) as VerifyReport & { message: string };
    expect(verified.execution).toEqual({ status: 'not-executed', reason: 'Windows wheels cannot be run on Linux: this wheel got the static checks only (format, architecture, exports, tags, RECORD).' });
  });

  it('a win_amd64 wheel holding a 32-bit .pyd', async () => {
    const report = await inspect(platformWheel('win_amd64', '_native.pyd', compile(['i686-w64-mingw32-gcc'], [], 'native32.pyd')));
    expect(report.problems.find((p) => p.id === 'binary.arch-mismatch')?.message).toBe(
      'hello_pyo3/_native.pyd is built for x86, but the wheel is tagged win_amd64: pip installs it on x86_64 machines and the import fails there.',
    );
  });

  it('a universal2 wheel: a fat Mach-O with x86_64 and arm64, both exporting PyInit__native', async (ctx) => {
    if (!zig || !lipo) return ctx.skip('needs zig (pip install ziglang) and llvm-lipo');
    const arm = compile(zig, ['-target', 'aarch64-macos'], 'arm64.so');
    compile(zig, ['-target', 'x86_64-macos'], 'x86_64.so');
    execFileSync(lipo, ['-create', join(dir, 'arm64.so'), join(dir, 'x86_64.so'), '-output', join(dir, 'universal.so')]);
    const report = await inspect(platformWheel('macosx_10_12_universal2', '_native.abi3.so', readFileSync(join(dir, 'universal.so'))));
    expect(report.binaries[0]).toMatchObject({ format: 'macho-fat', architectures: ['x86_64', 'arm64'], module: { exportsInit: true } });
    expect(report.problems.filter((p) => p.severity !== 'info')).toEqual([]);

    const thin = await inspect(platformWheel('macosx_10_12_universal2', '_native.abi3.so', arm));
    expect(thin.problems.find((p) => p.id === 'binary.arch-mismatch')?.message).toBe(
      'hello_pyo3/_native.abi3.so contains only arm64, but macosx_10_12_universal2 promises x86_64 and arm64: on x86_64 machines the import fails.',
    );
    const { stdout } = await runCli(['verify', platformWheel('macosx_11_0_arm64', '_native.abi3.so', arm), '--data-dir', tempDir('data')]);
    expect(stdout).toContain('- Not executed: macOS wheels cannot be run on Linux: this wheel got the static checks only');
  });
});

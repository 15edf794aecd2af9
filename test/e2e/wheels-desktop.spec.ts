import { expect, snap, test } from './fixtures';

// The Wheels view over an Electron-style client (a stub `window.wheelbench`, as the preload exposes it):
// a dropped file's path comes from the preload's pathForFile — no upload — and "Open folder" asks the
// core to reveal the wheel. The stub's report has the problems a cross-built wheel can have, so the
// badges and details show errors with their fixes.

interface StubCalls {
  calls: [string, unknown][];
}
type PageGlobal = typeof globalThis & { __calls: StubCalls };

function installStub(): void {
  type Listener = (event: unknown) => void;
  const listeners = new Set<Listener>();
  const emit = (event: unknown): void => listeners.forEach((l) => l(event));
  const record: StubCalls = { calls: [] };
  (globalThis as PageGlobal).__calls = record;
  const report = (path: string) => ({
    path,
    fileName: path.split('/').pop(),
    sizeBytes: 412_000,
    distribution: 'fastcsv',
    version: '2.1.0',
    tags: [{ python: 'cp310', abi: 'abi3', platform: 'manylinux_2_17_x86_64' }],
    wheelFile: { wheelVersion: '1.0', generator: 'maturin (1.9.1)', rootIsPurelib: false, tags: [{ python: 'cp310', abi: 'abi3', platform: 'manylinux_2_17_x86_64' }] },
    metadata: { metadataVersion: '2.4', name: 'fastcsv', version: '2.1.0', summary: null, author: null, authorEmail: 'Ana <ana@example.org>', maintainer: null, maintainerEmail: null, license: 'MIT', requiresPython: '>=3.10', requiresDist: ['numpy>=1.26'] },
    record: { status: 'ok', listed: 9, verified: 8 },
    binaries: [{ path: 'fastcsv/_core.abi3.so', format: 'elf', architectures: ['aarch64'], sizeBytes: 1_200_000, needs: ['libc.so.6'], linkage: null, module: { name: 'fastcsv._core', initSymbol: 'PyInit__core', exportsInit: true, suffix: '.abi3' } }],
    importNames: ['fastcsv', 'fastcsv._core'],
    audits: {
      manylinux: { tool: 'auditwheel', status: 'passed', verdict: 'manylinux_2_17_aarch64', detail: 'auditwheel: consistent with manylinux_2_17_aarch64.' },
      abi3: { tool: 'abi3audit', status: 'passed', verdict: 'abi3 ≥ 3.10', detail: 'abi3audit: 1 extension module(s) use only the limited API of Python 3.10.' },
    },
    fileCount: 9,
    unpackedBytes: 1_300_000,
    largestFiles: [{ path: 'fastcsv/_core.abi3.so', sizeBytes: 1_200_000, compressedBytes: 400_000 }],
    problems: [
      {
        id: 'binary.arch-mismatch',
        severity: 'error',
        message: 'fastcsv/_core.abi3.so is built for aarch64, but the wheel is tagged manylinux_2_17_x86_64: pip installs it on x86_64 machines and the import fails there.',
        file: 'fastcsv/_core.abi3.so',
        fix: { summary: 'Build for the target the tag names (maturin build --target …) or let the build name the wheel; never rename wheel files.' },
      },
    ],
    verdict: 'error',
    durationMs: 12,
  });
  const api: Record<string, unknown> = {
    getAppInfo: async () => ({ version: '0.0.0-stub', mode: 'electron', platform: 'linux-x64', dataDir: '/tmp/stub', exampleProject: '/stub/hello', canChooseFolder: true, canRevealFiles: true }),
    listRecentProjects: async () => [],
    runDoctor: async () => ({ checks: [], durationMs: 1 }),
    inspectWheel: async ({ path }: { path: string }) => {
      record.calls.push(['inspectWheel', path]);
      return report(path);
    },
    verifyWheel: async ({ path }: { path: string }) => {
      record.calls.push(['verifyWheel', path]);
      setTimeout(() => {
        emit({ type: 'job-started', jobId: 'verify-1', kind: 'verify', title: 'Verify fastcsv' });
        emit({ type: 'output', jobId: 'verify-1', data: 'Creating a fresh virtualenv…\r\n' });
        emit({
          type: 'verify-finished',
          jobId: 'verify-1',
          ok: false,
          report: { wheel: path, inspection: report(path), execution: { status: 'failed', runner: 'host', stage: 'import', message: "After a real install, `import fastcsv._core` fails: ImportError: wrong ELF class", output: 'FAIL fastcsv._core', durationMs: 900 }, durationMs: 1000 },
          message: "Verification failed at the import step: After a real install, `import fastcsv._core` fails: ImportError: wrong ELF class",
        });
      }, 200);
      return { jobId: 'verify-1' };
    },
    revealInFolder: async ({ path }: { path: string }) => {
      record.calls.push(['revealInFolder', path]);
    },
    uploadWheelChunk: async () => {
      record.calls.push(['uploadWheelChunk', null]);
      throw { code: 'unsupported', message: 'the desktop app never uploads' };
    },
    ackOutput: async () => undefined,
    pathForFile: (file: { name: string }) => `/home/ana/Downloads/${file.name}`,
    onEvent: (listener: Listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  Object.defineProperty(globalThis, 'wheelbench', { value: Object.freeze(api), configurable: false });
}

test('desktop: a dropped wheel is inspected from its path, verified, and revealed in its folder', async ({ page, served }, testInfo) => {
  await page.addInitScript(installStub);
  await page.goto(served.url);
  await expect(page.getByTestId('wheels-panel')).toContainText('drop any .whl here');

  await page.evaluate(() => {
    const g = globalThis as unknown as {
      DataTransfer: new () => { items: { add(file: unknown): void } };
      DragEvent: new (type: string, init: object) => unknown;
      dispatchEvent(event: unknown): boolean;
    };
    const transfer = new g.DataTransfer();
    transfer.items.add(new File([new Uint8Array([80, 75, 3, 4])], 'fastcsv-2.1.0-cp310-abi3-manylinux_2_17_x86_64.whl'));
    for (const type of ['dragenter', 'dragover', 'drop']) g.dispatchEvent(new g.DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }));
  });

  const wheel = page.getByTestId('wheel-item');
  await expect(wheel).toHaveCount(1);
  await expect(wheel.getByTestId('wheel-badge-problems')).toHaveText('1 error');
  await expect(wheel.getByTestId('wheel-badge-problems')).toHaveAttribute('data-tone', 'error');
  await expect(wheel.getByText('pip install /home/ana/Downloads/fastcsv-2.1.0-cp310-abi3-manylinux_2_17_x86_64.whl')).toBeVisible();

  await wheel.getByTestId('wheel-verify').click();
  await expect(wheel.getByTestId('wheel-badge-verified')).toHaveText('import failed');
  await wheel.getByTestId('wheel-toggle-details').click();
  await expect(wheel.locator('[data-problem-id="binary.arch-mismatch"]')).toContainText('never rename wheel files');
  await expect(wheel.getByTestId('wheel-verification')).toContainText('wrong ELF class');
  await snap(page, testInfo, 'wheels-06-desktop-drop-details');

  await wheel.getByTestId('wheel-reveal').click();
  const calls = await page.evaluate(() => (globalThis as PageGlobal).__calls.calls);
  const path = '/home/ana/Downloads/fastcsv-2.1.0-cp310-abi3-manylinux_2_17_x86_64.whl';
  expect(calls).toEqual([
    ['inspectWheel', path],
    ['verifyWheel', path],
    ['revealInFolder', path],
  ]);
  // The verify job's output went to the terminal, but the build panel still shows no build.
  await expect(page.getByTestId('terminal')).toContainText('Creating a fresh virtualenv');
  await expect(page.getByTestId('build-status')).toHaveAttribute('data-status', 'idle');
});

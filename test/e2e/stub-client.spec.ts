import { expect, snap, test } from './fixtures';

// The renderer over the Electron-style client: a stub `window.wheelbench` (one function per contract
// method plus onEvent, as the preload exposes) is installed before the app starts, so the app picks
// the IPC transport. This drives states a real machine rarely shows on demand — a doctor error with a
// one-click managed install, a build failure the explainer recognised, an error with file:line:col —
// and checks the flow control: every character of output is acknowledged once xterm has written it.

interface StubRecord {
  acks: Record<string, number>;
  sent: Record<string, number>;
  calls: string[];
}
// The test runs under Node types (no DOM lib): the page's global, as the stub uses it.
type PageGlobal = typeof globalThis & { __stub: StubRecord };

function installStub(): void {
  type Listener = (event: unknown) => void;
  const listeners = new Set<Listener>();
  const emit = (event: unknown): void => listeners.forEach((l) => l(event));
  const stub: StubRecord = { acks: {}, sent: {}, calls: [] };
  (globalThis as PageGlobal).__stub = stub;
  const later = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const output = async (jobId: string, data: string): Promise<void> => {
    stub.sent[jobId] = (stub.sent[jobId] ?? 0) + data.length;
    emit({ type: 'output', jobId, data });
    await later(2);
  };
  const project = {
    root: '/stub/hello',
    backend: 'hybrid',
    name: 'hello-stub',
    moduleName: 'hello_stub._native',
    bindings: 'pyo3',
    pythonSource: '/stub/hello/python',
    manifestPath: '/stub/hello/rust/Cargo.toml',
    pyo3Version: '0.22',
    abi3: null,
    version: '0.1.0',
    versionSource: 'cargo',
    requiresPython: '>=3.9',
    pythonRange: { min: '3.7', max: '3.13' },
    pyo3Locked: null,
    pyo3Features: ['extension-module'],
    pythonPackages: [],
    extension: { inWheel: 'hello_stub/_native.cpython-<version>-<platform>.so', inSource: '/stub/hello/python/hello_stub/_native.cpython-<version>-<platform>.so' },
    crate: { name: 'hello-stub', manifestPath: '/stub/hello/rust/Cargo.toml', libName: '_native', crateTypes: ['cdylib'], workspaceRoot: null, hasBinTarget: false },
    maturin: { features: [], include: [], exclude: [], compatibility: null, bindings: null },
    toolchain: null,
    cargoConfigs: [],
    buildNeeds: [],
    nixFiles: [],
    setuptoolsRust: [],
    problems: [
      {
        id: 'pyo3.python-cap',
        severity: 'warn',
        message: 'PyO3 0.22 supports Python up to 3.13; requires-python allows newer.',
        file: '/stub/hello/pyproject.toml',
        line: 7,
        column: 19,
        fix: { summary: 'Upgrade `pyo3` in Cargo.toml.', command: 'cargo add pyo3@0.30' },
      },
    ],
  };
  let doctorRuns = 0;
  const api: Record<string, unknown> = {
    getAppInfo: async () => ({
      version: '0.0.0-stub',
      mode: 'electron',
      platform: 'linux-x64',
      dataDir: '/tmp/stub-data',
      exampleProject: '/stub/hello',
      canChooseFolder: true,
    }),
    listRecentProjects: async () => ['/stub/hello', '/stub/elsewhere'],
    chooseProjectFolder: async () => '/stub/hello',
    runDoctor: async () => {
      doctorRuns++;
      await later(300);
      const maturinOk = doctorRuns > 1 && stub.calls.includes('installManagedTools');
      return {
        durationMs: 321,
        checks: [
          { id: 'rust.rustc', title: 'Rust compiler (rustc)', status: 'ok', detail: 'rustc 1.95.0\nhost: x86_64-unknown-linux-gnu' },
          maturinOk
            ? { id: 'tool.maturin', title: 'maturin', status: 'ok', detail: 'maturin 1.9.6 (managed)' }
            : {
                id: 'tool.maturin',
                title: 'maturin',
                status: 'error',
                detail: 'maturin was not found on PATH or in the managed tools dir.',
                fix: { summary: 'Install maturin.', command: 'pip install "maturin>=1.9.2"' },
              },
          {
            id: 'rust.std.aarch64-unknown-linux-gnu',
            title: 'Rust std for aarch64-unknown-linux-gnu',
            status: 'warn',
            detail: '`rustup target add` cannot reach its download host.',
            fix: { summary: 'Use Debian’s std for the target.', command: 'apt-get install libstd-rust-web-dev:arm64' },
          },
          { id: 'tool.qemu', title: 'qemu-user', status: 'skip', detail: 'Not needed for host builds.' },
        ],
      };
    },
    openProject: async ({ path }: { path: string }) => {
      stub.calls.push('openProject');
      if (path === '/stub/hello') return project;
      throw {
        code: 'malformed-input',
        message: '/stub/bad/pyproject.toml:3:11: Invalid TOML document: invalid value',
        file: '/stub/bad/pyproject.toml',
        line: 3,
        column: 11,
        fix: { summary: 'Give `version` a value, e.g. "0.1.0".' },
      };
    },
    listWheels: async () => [],
    startBuild: async () => {
      const jobId = 'job-build-1';
      setTimeout(async () => {
        emit({ type: 'job-started', jobId, kind: 'build', title: 'Build /stub/hello' });
        emit({ type: 'target-started', jobId, target: 'x86_64-unknown-linux-gnu', strategy: 'native', command: ['maturin', 'build'] });
        for (let i = 1; i <= 300; i++) await output(jobId, `   \x1b[32mCompiling\x1b[0m crate-${i} v0.1.${i} (line ${i} of a flood: ✓ ünïcödé)\r\n`);
        emit({ type: 'progress', jobId, target: 'x86_64-unknown-linux-gnu', percent: 37.5, unitsDone: 15, unitsTotal: 40, current: 'pyo3-ffi' });
        await later(1500);
        await output(jobId, 'error: failed to run custom build command for `proto-gen v0.1.0`\r\nCould not find `protoc`\r\n');
        const result = {
          target: 'x86_64-unknown-linux-gnu',
          status: 'failed',
          strategy: 'native',
          wheel: null,
          durationMs: 4200,
          peakRssBytes: 512 * 1024 * 1024,
          reason: 'maturin exited with code 1',
          explanation: {
            id: 'protoc.missing',
            title: 'A build script needs protoc (the Protocol Buffers compiler)',
            cause: 'A crate uses prost-build or tonic-build, which run protoc at build time.',
            fix: { summary: 'Install protoc, or set PROTOC to its path.', command: 'sudo apt-get install protobuf-compiler' },
          },
        };
        emit({ type: 'target-finished', jobId, result });
        emit({ type: 'result', jobId, buildId: jobId, targets: [result], wheels: [], logFile: '/tmp/stub-data/logs/job-build-1.log' });
      }, 50);
      return { jobId };
    },
    cancelJob: async () => ({ cancelled: false }),
    ackOutput: async ({ jobId, chars }: { jobId: string; chars: number }) => {
      stub.acks[jobId] = (stub.acks[jobId] ?? 0) + chars;
    },
    waitForJob: async () => new Promise(() => undefined),
    installManagedTools: async ({ tools }: { tools: string[] }) => {
      stub.calls.push('installManagedTools');
      const jobId = 'job-install-1';
      setTimeout(async () => {
        emit({ type: 'job-started', jobId, kind: 'tool-install', title: `Installing ${tools.join(', ')}` });
        await output(jobId, 'Collecting maturin\r\nDownloading maturin-1.9.6-py3-none-manylinux_2_17_x86_64.whl (8.1 MB)\r\n');
        await later(400);
        await output(jobId, 'Successfully installed maturin-1.9.6\r\n');
        emit({ type: 'tool-install-finished', jobId, tools, ok: true, message: 'maturin 1.9.6 installed into the managed tools dir.' });
      }, 50);
      return { jobId };
    },
    onEvent: (listener: Listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  Object.defineProperty(globalThis, 'wheelbench', { value: Object.freeze(api), configurable: false });
}

test('the renderer over an Electron-style client: doctor fixes, managed install, explained failure, flow control', async ({ page, served }, testInfo) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.addInitScript(installStub);
  await page.goto(served.url);

  // Electron mode: Browse… is offered, and no connection banner ever shows.
  await expect(page.getByTestId('browse-button')).toBeVisible();
  await expect(page.getByTestId('connection-banner')).toHaveCount(0);
  await expect(page.locator('#recent-projects option')).toHaveCount(2);

  // The doctor: statuses, fix commands in copyable code, a one-click managed install.
  const checks = page.getByTestId('doctor-check');
  await expect(checks).toHaveCount(4);
  await expect(checks.nth(0)).toHaveAttribute('data-status', 'ok');
  const maturin = page.locator('[data-check-id="tool.maturin"]');
  await expect(maturin).toHaveAttribute('data-status', 'error');
  await expect(maturin.locator('code')).toHaveText('pip install "maturin>=1.9.2"');
  await expect(page.getByTestId('doctor-panel')).toContainText('–');

  // Browse… opens the chosen folder; the project card shows its problems with locations and fixes.
  await page.getByTestId('browse-button').click();
  await expect(page.getByTestId('project-name')).toHaveText('hello-stub');
  await expect(page.getByTestId('project-python-source')).toHaveText('python');
  await expect(page.getByTestId('project-manifest')).toHaveText('rust/Cargo.toml');
  await expect(page.getByTestId('project-problem')).toContainText('pyproject.toml:7:19');
  await expect(page.getByTestId('project-problem').locator('.location')).toHaveAttribute('title', '/stub/hello/pyproject.toml');
  await snap(page, testInfo, 'stub-01-doctor-and-project');

  // Managed install: its output goes to the terminal, then the doctor re-checks.
  await maturin.getByRole('button', { name: 'Install managed maturin' }).click();
  await expect(page.getByTestId('terminal')).toContainText('Successfully installed maturin-1.9.6');
  await expect(page.getByTestId('build-status')).toHaveAttribute('data-status', 'succeeded');
  await expect(maturin).toHaveAttribute('data-status', 'ok');

  // A build that fails with a known cause: progress, then the reason and the explanation.
  await page.getByTestId('build-button').click();
  const progress = page.getByTestId('progress').first();
  await expect(progress).toHaveAttribute('data-percent', '38');
  await expect(progress).toContainText('compiling pyo3-ffi (15/40)');
  await snap(page, testInfo, 'stub-02-building');
  await expect(page.getByTestId('build-status')).toHaveAttribute('data-status', 'failed');
  const explanation = page.getByTestId('build-explanation');
  await expect(explanation).toContainText('A build script needs protoc');
  await expect(explanation).toContainText('prost-build');
  await expect(explanation.locator('code')).toHaveText('sudo apt-get install protobuf-compiler');
  await expect(page.getByTestId('build-failure')).toContainText('maturin exited with code 1');

  // Flow control: every character sent was acknowledged, per job, after xterm wrote it.
  const counts = () => page.evaluate(() => {
      const { acks, sent } = (globalThis as PageGlobal).__stub;
      return { acks, sent };
    });
  await expect.poll(async () => {
    const { acks, sent } = await counts();
    return acks['job-build-1'] === sent['job-build-1'] && acks['job-install-1'] === sent['job-install-1'];
  }).toBe(true);
  expect((await counts()).sent['job-build-1']).toBeGreaterThan(20_000);
  await snap(page, testInfo, 'stub-03-build-failed-explained');

  // An error with a location and a fix, rejected as plain error data (as a preload would).
  await page.getByTestId('path-input').fill('/stub/bad');
  await page.getByTestId('path-input').press('Enter');
  const banner = page.getByTestId('error-banner');
  await expect(banner).toHaveAttribute('data-code', 'malformed-input');
  await expect(banner.locator('.error-location')).toContainText('/stub/bad/pyproject.toml:3:11');
  await expect(banner.getByTestId('error-message')).toHaveText('Invalid TOML document: invalid value');
  await expect(banner).toContainText('Give version a value');
  await expect(page.getByTestId('project-name')).toHaveText('hello-stub');
  await snap(page, testInfo, 'stub-04-error-with-location');

  expect(pageErrors).toEqual([]);
});

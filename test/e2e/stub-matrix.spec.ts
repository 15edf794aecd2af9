import { expect, snap, test } from './fixtures';

// The matrix UI over a stub Electron-style client, for what a real machine cannot show on demand: a
// target still queued behind another, cancelled on its own by its alias; per-target output tabs; and
// flow control with a tab hiding some of the output (every character is still acknowledged).

interface StubRecord {
  acks: Record<string, number>;
  sent: Record<string, number>;
  cancels: unknown[];
  release: () => void;
}
type PageGlobal = typeof globalThis & { __stub: StubRecord };

function installStub(): void {
  type Listener = (event: unknown) => void;
  const listeners = new Set<Listener>();
  const emit = (event: unknown): void => listeners.forEach((l) => l(event));
  let release: () => void = () => undefined;
  const released = new Promise<void>((r) => (release = r));
  const stub: StubRecord = { acks: {}, sent: {}, cancels: [], release: () => release() };
  (globalThis as PageGlobal).__stub = stub;
  const later = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const output = async (jobId: string, data: string, target?: string): Promise<void> => {
    stub.sent[jobId] = (stub.sent[jobId] ?? 0) + data.length;
    emit(target ? { type: 'output', jobId, target, data } : { type: 'output', jobId, data });
    await later(1);
  };
  const HOST = 'x86_64-unknown-linux-gnu';
  const ARM = 'aarch64-unknown-linux-gnu';
  const hostResult = {
    target: HOST,
    status: 'ok',
    strategy: 'native',
    wheel: '/stub/hello/dist/hello_stub-0.1.0-cp39-abi3-linux_x86_64.whl',
    durationMs: 65_000,
    peakRssBytes: 700 * 1024 * 1024,
    reason: null,
  };
  const history = [
    {
      at: new Date().toISOString(),
      jobId: 'job-m',
      projectDir: '/stub/hello',
      target: HOST,
      strategy: 'native',
      toolchain: 'rustup stable (rustc 1.95.0)',
      profile: 'release',
      jobs: null,
      command: ['maturin', 'build', '--release'],
      envDelta: {},
      logFile: '/tmp/stub-data/logs/job-m/x86_64-unknown-linux-gnu.log',
      result: hostResult,
    },
  ];
  let built = false;
  const api: Record<string, unknown> = {
    getAppInfo: async () => ({ version: '0.0.0-stub', mode: 'electron', platform: 'linux-x64', dataDir: '/tmp/stub-data', exampleProject: '/stub/hello', canChooseFolder: true }),
    listRecentProjects: async () => [],
    chooseProjectFolder: async () => '/stub/hello',
    runDoctor: async () => ({ durationMs: 5, checks: [{ id: 'rust.rustc', title: 'Rust compiler (rustc)', status: 'ok', detail: 'rustc 1.95.0' }] }),
    openProject: async () => ({
      root: '/stub/hello',
      backend: 'maturin',
      name: 'hello-stub',
      moduleName: 'hello_stub',
      bindings: 'pyo3',
      pythonSource: null,
      manifestPath: '/stub/hello/Cargo.toml',
      pyo3Version: '0.30',
      abi3: 'py39',
      version: '0.1.0',
      versionSource: 'cargo',
      requiresPython: '>=3.9',
      pythonRange: { min: '3.7', max: '3.14' },
      pyo3Locked: null,
      pyo3Features: ['extension-module', 'abi3-py39'],
      pythonPackages: [],
      extension: { inWheel: 'hello_stub.abi3.so', inSource: null },
      crate: { name: 'hello-stub', manifestPath: '/stub/hello/Cargo.toml', libName: 'hello_stub', crateTypes: ['cdylib'], workspaceRoot: null, hasBinTarget: false },
      maturin: { features: [], include: [], exclude: [], compatibility: null, bindings: null },
      toolchain: null,
      cargoConfigs: [],
      buildNeeds: [],
      nixFiles: [],
      setuptoolsRust: [],
      problems: [],
    }),
    listWheels: async () => [],
    listTargets: async () => [
      { alias: 'linux-aarch64', triple: ARM, os: 'linux', platformTag: 'manylinux2014_aarch64', available: true, strategy: 'zig', toolchain: 'system rustc 1.96.0', reason: 'system rustc 1.96.0; zig links it as manylinux2014.', notes: [], fix: null },
      {
        alias: 'windows-arm64',
        triple: 'aarch64-pc-windows-msvc',
        os: 'windows',
        platformTag: 'win_arm64',
        available: false,
        strategy: null,
        toolchain: null,
        reason: "aarch64-pc-windows-msvc needs Microsoft's CRT, which is not cached here.",
        notes: [],
        fix: { summary: 'Build once with internet access so xwin caches the CRT.', command: 'maturin build --target aarch64-pc-windows-msvc' },
      },
      {
        alias: 'macos-arm64',
        triple: 'aarch64-apple-darwin',
        os: 'macos',
        platformTag: 'macosx_11_0_arm64',
        available: true,
        strategy: 'build-std',
        toolchain: 'system rustc 1.96.0',
        reason: 'system rustc 1.96.0 (/usr/bin/rustc), std built from source once and kept (-Z build-std); zig links it for macOS.',
        notes: ['Built without a macOS SDK: crates that link Apple frameworks need one (set SDKROOT).'],
        fix: null,
      },
    ],
    getSettings: async () => ({ profile: 'release' }),
    saveSettings: async ({ settings }: { settings: unknown }) => settings,
    listHistory: async () => (built ? history : []),
    readBuildLog: async () => '\x1b[1m[x86_64-unknown-linux-gnu] native\x1b[0m\r\n   \x1b[32mCompiling\x1b[0m hello-stub v0.1.0\r\n\x1b[32mWheel ready\x1b[0m\r\n',
    startBuild: async ({ targets }: { targets: string[] }) => {
      const jobId = 'job-m';
      setTimeout(async () => {
        emit({ type: 'job-started', jobId, kind: 'build', title: 'Build /stub/hello' });
        await output(jobId, 'job-level line: planning 2 targets\r\n');
        emit({ type: 'target-started', jobId, target: HOST, strategy: 'native', command: ['maturin', 'build'] });
        for (let i = 1; i <= 8; i++) await output(jobId, `   \x1b[32mCompiling\x1b[0m host-crate-${i} v0.1.0\r\n`, HOST);
        emit({ type: 'progress', jobId, target: HOST, percent: 40, unitsDone: 16, unitsTotal: 40, current: 'pyo3' });
        await released;
        emit({ type: 'target-finished', jobId, result: hostResult });
        // The engine reaches the queued target, finds it cancelled (by its alias), and says so.
        const arm = { target: ARM, status: 'cancelled', strategy: 'zig', wheel: null, durationMs: 0, peakRssBytes: 0, reason: 'Cancelled by the user.' };
        const cancelledArm = stub.cancels.some((c) => (c as { target?: string }).target === 'linux-aarch64');
        const armResult = cancelledArm ? arm : { ...arm, status: 'ok', reason: null };
        emit({ type: 'target-finished', jobId, result: armResult });
        built = true;
        emit({ type: 'result', jobId, buildId: jobId, targets: [hostResult, armResult], wheels: [], logFile: '/tmp/stub-data/logs/job-m/x.log' });
      }, 30);
      return { jobId, requested: targets };
    },
    cancelJob: async (params: unknown) => {
      stub.cancels.push(params);
      return { cancelled: true };
    },
    ackOutput: async ({ jobId, chars }: { jobId: string; chars: number }) => {
      stub.acks[jobId] = (stub.acks[jobId] ?? 0) + chars;
    },
    waitForJob: async () => new Promise(() => undefined),
    installManagedTools: async () => ({ jobId: 'none' }),
    onEvent: (listener: Listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  Object.defineProperty(globalThis, 'wheelbench', { value: Object.freeze(api), configurable: false });
}

test('matrix over a stub: queued target cancelled by alias, per-target output tabs, acks for hidden output', async ({ page, served }, testInfo) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.addInitScript(installStub);
  await page.goto(served.url);
  await page.getByTestId('browse-button').click();
  await expect(page.getByTestId('project-name')).toHaveText('hello-stub');

  // The picker: groups, an unavailable Windows target with its reason and fix, a macOS note.
  const picker = page.getByTestId('target-picker');
  await expect(picker.getByTestId('target-option')).toHaveCount(4);
  const win = picker.locator('[data-testid="target-option"][data-alias="windows-arm64"]');
  await expect(win.getByRole('checkbox')).toBeDisabled();
  await expect(win).toHaveAttribute('title', /Fix: Build once with internet access/);
  await picker.locator('[data-testid="target-option"][data-alias="macos-arm64"]').getByRole('button', { name: 'Details for macos-arm64' }).click();
  await expect(picker.getByTestId('target-detail')).toContainText('Built without a macOS SDK');
  await picker.getByRole('button', { name: 'Close the details' }).click();
  await expect(page.getByTestId('settings-summary')).toContainText('release');

  await picker.locator('[data-testid="target-option"][data-alias="linux-aarch64"]').getByRole('checkbox').check();
  await page.keyboard.press('Control+B');

  // One row per target: host building with its own progress, aarch64 queued behind it.
  const hostRow = page.locator('[data-testid="target-row"][data-alias="host"]');
  const armRow = page.locator('[data-testid="target-row"][data-alias="linux-aarch64"]');
  await expect(hostRow).toHaveAttribute('data-status', 'building');
  await expect(hostRow).toHaveAttribute('data-target', 'x86_64-unknown-linux-gnu');
  await expect(hostRow.getByTestId('progress')).toHaveAttribute('data-percent', '40');
  await expect(hostRow).toContainText('compiling pyo3 (16/40)');
  await expect(armRow).toHaveAttribute('data-status', 'queued');
  await expect(page.getByTestId('cancel-button')).toHaveText('Cancel all');
  await expect(page.getByTestId('target-picker').getByTestId('target-option')).toHaveCount(0);

  // Tabs: the host's output alone, then everything again.
  await expect(page.getByTestId('terminal')).toContainText('job-level line');
  await page.locator('[data-testid="output-tab"][data-alias="host"]').click();
  await expect(page.getByTestId('terminal')).toContainText('host-crate-8');
  await expect(page.getByTestId('terminal')).not.toContainText('job-level line');
  // Arrow keys move between tabs.
  await page.keyboard.press('ArrowRight');
  await expect(page.locator('[data-testid="output-tab"][data-alias="linux-aarch64"]')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('terminal')).not.toContainText('host-crate');
  await snap(page, testInfo, 'stub-matrix-01-queued');

  // Cancel the queued target on its own: by its alias, since the engine has not named it yet.
  await armRow.getByTestId('row-cancel').click();
  await expect(armRow).toHaveAttribute('data-status', 'cancelling');
  expect(await page.evaluate(() => (globalThis as PageGlobal).__stub.cancels)).toEqual([{ jobId: 'job-m', target: 'linux-aarch64' }]);
  await expect(hostRow).toHaveAttribute('data-status', 'building');

  await page.evaluate(() => (globalThis as PageGlobal).__stub.release());
  await expect(hostRow).toHaveAttribute('data-status', 'ok');
  await expect(armRow).toHaveAttribute('data-status', 'cancelled');
  await expect(hostRow.getByTestId('row-duration')).toHaveText('1 min 5 s');
  await expect(hostRow.getByTestId('row-peak')).toContainText('700 MB');
  await expect(page.getByTestId('build-status')).toContainText('1 ok, 1 cancelled');
  await page.locator('[data-testid="output-tab"][data-alias=""]').click();
  await expect(page.getByTestId('terminal')).toContainText('job-level line');

  // Flow control: every character acknowledged, shown or hidden by the tab.
  await expect
    .poll(async () => page.evaluate(() => {
      const { acks, sent } = (globalThis as PageGlobal).__stub;
      return acks['job-m'] === sent['job-m'];
    }))
    .toBe(true);
  await snap(page, testInfo, 'stub-matrix-02-done');

  // The finished row's log, in the history.
  await hostRow.getByTestId('row-log').click();
  const dialog = page.getByTestId('history-dialog');
  await expect(dialog.getByTestId('history-item')).toHaveCount(1);
  await expect(dialog.getByTestId('history-item')).toHaveAttribute('aria-current', 'true');
  await expect(dialog.getByTestId('history-item')).toContainText('rustup stable (rustc 1.95.0)');
  await expect(dialog.getByTestId('history-item')).toContainText('peak 700 MB');
  await expect(dialog.getByTestId('log-view')).toContainText('Compiling hello-stub');
  await snap(page, testInfo, 'stub-matrix-03-history');
  expect(pageErrors).toEqual([]);
});

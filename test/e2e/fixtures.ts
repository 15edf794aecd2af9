import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test as base, expect, type Page, type TestInfo } from '@playwright/test';

export const REPO_ROOT = resolve(__dirname, '..', '..');
export const CLI = join(REPO_ROOT, 'out', 'main', 'cli.js');
export const EXAMPLE_PROJECT = join(REPO_ROOT, 'resources', 'examples', 'hello-pyo3');
export const SCREENSHOT_DIR = join(REPO_ROOT, 'test-results', 'screenshots');

export interface ServedApp {
  /** The URL `wheelbench serve` printed, token included. */
  readonly url: string;
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  readonly dataDir: string;
  /** Everything the server printed so far (for failure messages). */
  readonly output: () => string;
  /** Stop the server now (SIGTERM, then SIGKILL after 10 s). */
  readonly stop: () => Promise<void>;
}

const URL_PATTERN = /https?:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]+/;

async function startServer(dataDir: string, extraEnv: Readonly<Record<string, string>> = {}): Promise<{ app: ServedApp; child: ChildProcessWithoutNullStreams }> {
  if (!existsSync(CLI)) throw new Error(`${CLI} does not exist: run \`npm run build\` before the e2e tests.`);
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--data-dir', dataDir], {
    cwd: REPO_ROOT,
    env: { ...process.env, WHEELBENCH_DATA_DIR: dataDir, NO_COLOR: '1', ...extraEnv },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stdout.on('data', (d: string) => (out += d));
  child.stderr.on('data', (d: string) => (out += d));

  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`wheelbench serve printed no URL within 30 s:\n${out}`)), 30_000);
    const check = (): void => {
      const m = URL_PATTERN.exec(out);
      if (m) {
        clearTimeout(timer);
        resolveUrl(m[0]);
      }
    };
    child.stdout.on('data', check);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`wheelbench serve exited (${code ?? signal}) before printing its URL:\n${out}`));
    });
    check();
  });
  return { app: { url, origin: new URL(url).origin, dataDir, output: () => out, stop: () => stopServer(child) }, child };
}

async function stopServer(child: ChildProcessWithoutNullStreams): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

export const test = base.extend<{ served: ServedApp; workDir: string; serverEnv: Readonly<Record<string, string>> }>({
  // Extra environment for the server (fault injection): `test.use({ serverEnv: { … } })`.
  serverEnv: [{}, { option: true }],
  // A scratch directory per test (temp copies of projects, non-project folders).
  workDir: async ({}, use) => {
    const dir = await mkdtemp(join(tmpdir(), 'wheelbench-e2e-'));
    await use(dir);
    await rm(dir, { recursive: true, force: true });
  },
  // A fresh `wheelbench serve` per test, with its own data dir.
  served: async ({ workDir, serverEnv }, use, testInfo) => {
    const dataDir = join(workDir, 'data');
    await mkdir(dataDir, { recursive: true });
    const { app, child } = await startServer(dataDir, serverEnv);
    try {
      await use(app);
    } finally {
      await stopServer(child);
      await testInfo.attach('server-output.txt', { body: app.output(), contentType: 'text/plain' });
    }
  },
});

export { expect };

/** A copy of the bundled example in a temp dir, so builds do not touch the repo and start clean. */
export async function copyExample(workDir: string): Promise<string> {
  const dest = join(workDir, 'hello-pyo3');
  await cp(EXAMPLE_PROJECT, dest, {
    recursive: true,
    filter: (src) => !/[\\/](target|dist|\.venv|__pycache__)([\\/]|$)/.test(src.slice(EXAMPLE_PROJECT.length)),
  });
  return dest;
}

/** Screenshot into test-results/screenshots/<name>.png and attach it to the report. */
export async function snap(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

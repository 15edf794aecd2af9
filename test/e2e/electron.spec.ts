import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';

// The Electron app end to end. It needs Electron's own binary, which cannot be downloaded on
// machines without internet access (ELECTRON_SKIP_BINARY_DOWNLOAD=1); there the web mode carries
// the end-to-end tests and this one reports itself skipped with the reason.
const repoRoot = join(__dirname, '..', '..');
const electronDir = join(repoRoot, 'node_modules', 'electron');
const pathFile = join(electronDir, 'path.txt');
const binary = existsSync(pathFile) ? join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim()) : null;
const hasDisplay = Boolean(process.env.DISPLAY) || process.platform !== 'linux';

test.describe('Electron app', () => {
  test.skip(!binary || !existsSync(binary), 'Electron binary not installed (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1; the download host is unreachable here)');
  test.skip(!hasDisplay, 'No display: run under xvfb-run to test the Electron window');

  test('opens the window, exposes only the contract and opens the example', async () => {
    const app = await electron.launch({ executablePath: binary as string, args: [join(repoRoot, 'out', 'main', 'index.js')] });
    const window = await app.firstWindow();
    await expect(window).toHaveTitle(/Wheelbench/);
    const exposed = await window.evaluate(() => Object.keys((window as unknown as { wheelbench: object }).wheelbench).sort());
    expect(exposed).toContain('startBuild');
    expect(exposed).toContain('onEvent');
    expect(await window.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    await window.getByTestId('example-button').click();
    await expect(window.getByTestId('project-card')).toContainText('hello-pyo3');
    await app.close();
  });
});

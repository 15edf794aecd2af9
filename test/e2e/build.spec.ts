import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { copyExample, expect, snap, test } from './fixtures';

// The walking skeleton end to end, in the browser: open the bundled example, run the doctor, build
// it for this machine with live output and progress, and get a wheel in the list.

test('opens the example, runs the doctor and builds a wheel', async ({ page, served, workDir }, testInfo) => {
  test.setTimeout(6 * 60_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));

  await page.goto(served.url);
  await expect(page).toHaveURL(`${served.origin}/`);
  await expect(page.getByTestId('example-button')).toBeEnabled();
  await snap(page, testInfo, 'build-01-start');

  // The Example button opens the bundled project.
  await page.getByTestId('example-button').click();
  const card = page.getByTestId('project-card');
  await expect(page.getByTestId('project-name')).toHaveText('hello-pyo3');
  await expect(page.getByTestId('project-module')).toHaveText('hello_pyo3._native');
  await expect(page.getByTestId('project-python-source')).toHaveText('python');
  await expect(card).toContainText('maturin');
  await snap(page, testInfo, 'build-02-example-opened');

  // Build a copy of it (so the repo is untouched and the wheels list starts empty): type its path, Open.
  const project = await copyExample(workDir);
  await page.getByTestId('path-input').fill(project);
  await page.getByTestId('open-button').click();
  await expect(card).toContainText(project);
  await expect(page.getByTestId('project-module')).toHaveText('hello_pyo3._native');
  await expect(page.getByTestId('wheel-item')).toHaveCount(0);

  // The doctor: areas (problems open, the rest folded), every check with a status, rustc among them and fine.
  const recheck = page.getByTestId('doctor-recheck');
  await expect(recheck).toBeEnabled({ timeout: 60_000 });
  await recheck.click();
  await expect(recheck).toBeEnabled({ timeout: 60_000 });
  await expect(page.getByTestId('doctor-area').first()).toBeVisible();
  await expect(page.locator('[data-area="Rust"]')).toHaveAttribute('data-status', 'ok');
  const checks = page.getByTestId('doctor-check');
  expect(await checks.count()).toBeGreaterThan(2);
  for (const status of await checks.evaluateAll((els) => els.map((e) => e.getAttribute('data-status')))) {
    expect(['ok', 'warn', 'error', 'skip']).toContain(status);
  }
  const rustc = checks.filter({ has: page.locator('.check-title', { hasText: /rustc/i }) }).first();
  await expect(rustc).toHaveAttribute('data-status', 'ok');
  await expect(page.getByTestId('doctor-panel')).toContainText('✓');
  await snap(page, testInfo, 'build-03-doctor');

  // Build: output streams into the terminal and the progress bar moves.
  await page.getByTestId('build-button').click();
  const status = page.getByTestId('build-status');
  await expect(status).toHaveAttribute('data-status', /running|succeeded/);
  await expect(page.getByTestId('terminal')).toContainText('Compiling', { timeout: 180_000 });
  const progress = page.getByTestId('progress').first();
  await expect
    .poll(async () => Number((await progress.getAttribute('data-percent')) || '0'), { timeout: 180_000 })
    .toBeGreaterThan(0);
  await snap(page, testInfo, 'build-04-building');

  await expect(status).toHaveAttribute('data-status', /succeeded|failed|cancelled/, { timeout: 5 * 60_000 });
  if ((await status.getAttribute('data-status')) !== 'succeeded') {
    await snap(page, testInfo, 'build-05-failed');
    const why = await page.getByTestId('build-panel').innerText();
    throw new Error(`The build did not succeed:\n${why}\n\nServer output:\n${served.output()}`);
  }
  await expect(progress).toHaveAttribute('data-percent', '100');

  // The wheel, with its size and tags.
  const wheel = page.getByTestId('wheel-item').filter({ hasText: /hello_pyo3-0\.1\.0-cp39-abi3-.*\.whl/ });
  await expect(wheel).toHaveCount(1);
  await expect(wheel.getByTestId('wheel-name')).toHaveText(/^hello_pyo3-0\.1\.0-cp39-abi3-.*\.whl$/);
  await expect(wheel.getByTestId('wheel-size')).toHaveText(/^\d+(\.\d)? (B|KB|MB)$/);
  await expect(wheel.getByTestId('wheel-tag').first()).toHaveText(/^cp39-abi3-\S+$/);
  // Inspected by the build, then verified automatically: installed into a fresh venv and imported.
  await expect(wheel.getByTestId('wheel-badge-record')).toHaveText('RECORD ✓');
  await expect(wheel.getByTestId('wheel-badge-verified')).toHaveText('imported on host', { timeout: 120_000 });
  await expect(page.getByTestId('error-banner')).toHaveCount(0);
  await snap(page, testInfo, 'build-05-built');

  expect(errors).toEqual([]);
});

test('Ctrl+B builds and Esc cancels', async ({ page, served, workDir }, testInfo) => {
  test.setTimeout(4 * 60_000);
  const project = await copyExample(workDir);
  await page.goto(served.url);
  await page.getByTestId('path-input').fill(project);
  await page.getByTestId('path-input').press('Enter');
  await expect(page.getByTestId('project-card')).toContainText(project);

  await page.keyboard.press('Control+B');
  const status = page.getByTestId('build-status');
  await expect(status).toHaveAttribute('data-status', 'running');
  await expect(page.getByTestId('terminal')).toContainText('Compiling', { timeout: 120_000 });
  await expect(page.getByTestId('cancel-button')).toBeEnabled();

  await page.keyboard.press('Escape');
  await expect(status).toHaveAttribute('data-status', 'cancelled', { timeout: 30_000 });
  await expect(page.getByTestId('build-button')).toBeEnabled();
  await expect(page.getByTestId('wheel-item')).toHaveCount(0);
  await snap(page, testInfo, 'cancel-01-cancelled');
});

test('a failing build says so, with the reason, and lists no wheel', async ({ page, served, workDir }, testInfo) => {
  test.setTimeout(5 * 60_000);
  const project = await copyExample(workDir);
  const lib = join(project, 'src', 'lib.rs');
  await writeFile(lib, (await readFile(lib, 'utf8')).replace('a + b', 'a + b + "oops"'));

  await page.goto(served.url);
  await page.getByTestId('path-input').fill(project);
  await page.getByTestId('open-button').click();
  await expect(page.getByTestId('project-card')).toContainText(project);
  await page.getByTestId('build-button').click();

  const status = page.getByTestId('build-status');
  await expect(status).toHaveAttribute('data-status', /succeeded|failed|cancelled/, { timeout: 4 * 60_000 });
  await expect(status).toHaveAttribute('data-status', 'failed');
  await expect(status).toContainText('Build failed');
  const failure = page.getByTestId('build-failure');
  await expect(failure).toBeVisible();
  await expect(failure).toContainText(/failed/);
  await expect(page.getByTestId('terminal')).toContainText('error');
  await expect(page.getByTestId('wheel-item')).toHaveCount(0);
  await expect(page.getByTestId('build-button')).toBeEnabled();
  await snap(page, testInfo, 'failed-01-build-failed');
});

import { cp, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, REPO_ROOT, snap, test } from './fixtures';

// The Project view: the model as a card, problems explained, and fixes that show their diff before
// they write. Then the New project wizard: real `maturin new`, then a build.

const FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'projects');

async function copyFixture(workDir: string, name: string): Promise<string> {
  const dir = join(workDir, name);
  await cp(join(FIXTURES, name), dir, { recursive: true });
  return dir;
}

test('shows the model and fixes a module-name mismatch after showing the diff', async ({ page, served, workDir }, testInfo) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const project = await copyFixture(workDir, 'module-name-mismatch');
  const pyproject = join(project, 'pyproject.toml');
  const original = await readFile(pyproject, 'utf8');

  await page.goto(served.url);
  await page.getByTestId('path-input').fill(project);
  await page.getByTestId('open-button').click();
  const card = page.getByTestId('project-card');
  await expect(page.getByTestId('project-name')).toHaveText('ticker');
  await expect(page.getByTestId('project-version')).toHaveText('1.0.0');
  await expect(page.getByTestId('project-module')).toHaveText('ticker._core');
  await expect(page.getByTestId('project-extension')).toHaveText('ticker/_core.abi3.so');
  await expect(page.getByTestId('project-pyo3')).toHaveText('0.30 · abi3-py39');
  await expect(page.getByTestId('project-python')).toHaveText('requires >=3.9 · PyO3 builds for 3.9–3.15');
  const problem = card.locator('[data-problem-id="module-name.mismatch"]');
  await expect(problem).toContainText('Python will import ticker._core and look for PyInit__core, but the Rust code exports PyInit__native');
  await expect(problem.locator('.location')).toHaveText('pyproject.toml:12');
  await snap(page, testInfo, 'project-01-mismatch');

  await problem.getByTestId('fix-button').click();
  const dialog = page.getByTestId('fix-dialog');
  await expect(dialog.getByTestId('fix-summary')).toHaveText('Set [tool.maturin] module-name = "ticker._native"');
  await expect(dialog.locator('.diff-del')).toHaveText(['-module-name = "ticker._core"']);
  await expect(dialog.locator('.diff-add')).toHaveText(['+module-name = "ticker._native"']);
  await snap(page, testInfo, 'project-02-fix-preview');
  expect(await readFile(pyproject, 'utf8')).toBe(original);

  // Escape closes the preview without writing; the button opens it again.
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  expect(await readFile(pyproject, 'utf8')).toBe(original);
  await problem.getByTestId('fix-button').click();
  await page.getByTestId('fix-apply').click();
  await expect(page.getByTestId('fix-dialog')).toHaveCount(0);
  await expect(page.getByTestId('fix-applied')).toContainText('wrote pyproject.toml (original kept in pyproject.toml.bak)');
  await expect(card.locator('[data-problem-id="module-name.mismatch"]')).toHaveCount(0);
  await expect(page.getByTestId('project-module')).toHaveText('ticker._native');
  expect(await readFile(pyproject, 'utf8')).toBe(original.replace('ticker._core', 'ticker._native'));
  await snap(page, testInfo, 'project-03-fixed');
  expect(errors).toEqual([]);
});

test('a hybrid project with a too-old PyO3 explains both ways out', async ({ page, served, workDir }, testInfo) => {
  const project = await copyFixture(workDir, 'hybrid-hatchling');
  await page.goto(served.url);
  await page.getByTestId('path-input').fill(project);
  await page.getByTestId('open-button').click();
  await expect(page.getByTestId('project-backend')).toHaveText('hybrid — pip/uv install without Rust; maturin builds platform wheels');
  await expect(page.getByTestId('project-workspace')).toHaveText('rust/Cargo.toml');
  const problem = page.locator('[data-problem-id="pyo3.python-too-new"]');
  await expect(problem).toHaveAttribute('data-severity', 'error');
  await expect(problem.getByTestId('fix-button')).toHaveText([/^Fix: Require pyo3 0\.22 /, /^Fix: Keep abi3 and set PYO3_USE_ABI3_FORWARD_COMPATIBILITY=1/]);
  await snap(page, testInfo, 'project-04-hybrid');
  await problem.locator('[data-fix-id="pyo3.python-too-new.abi3"]').click();
  await expect(page.getByTestId('fix-dialog').locator('.diff-file-name')).toHaveText(['.cargo/config.tomlnew file']);
  await snap(page, testInfo, 'project-05-abi3-preview');
});

test('New project: maturin new, then a build, from the wizard', async ({ page, served, workDir }, testInfo) => {
  test.setTimeout(6 * 60_000);
  await page.goto(served.url);
  await page.getByTestId('new-project-button').click();
  const dialog = page.getByTestId('new-project-dialog');
  await page.getByTestId('new-project-dir').fill(workDir);
  await page.getByTestId('new-project-name').fill('9bad');
  await expect(dialog).toContainText('Letters, digits, - and _, starting with a letter.');
  await expect(page.getByTestId('new-project-create')).toBeDisabled();
  await page.getByTestId('new-project-name').fill('wizard-e2e');
  await expect(page.getByTestId('new-project-summary')).toContainText(`maturin new --bindings pyo3 --mixed for ${join(workDir, 'wizard-e2e')}`);
  await snap(page, testInfo, 'new-01-form');
  await page.getByTestId('new-project-create').click();

  await expect(page.getByTestId('project-name')).toHaveText('wizard-e2e', { timeout: 60_000 });
  await expect(page.getByTestId('project-abi3')).toHaveText('py39 — one wheel for Python 3.9+');
  await expect(page.getByTestId('build-status')).toHaveAttribute('data-status', /running|succeeded/);
  await expect(page.getByTestId('build-status')).toHaveAttribute('data-status', /succeeded|failed/, { timeout: 5 * 60_000 });
  await expect(page.getByTestId('build-status')).toHaveAttribute('data-status', 'succeeded');
  await expect(page.getByTestId('wheel-item').filter({ hasText: /^.*wizard_e2e-0\.1\.0-cp39-abi3-.*\.whl/ })).toHaveCount(1);
  await snap(page, testInfo, 'new-02-built');
});

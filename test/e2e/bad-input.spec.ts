import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, snap, test } from './fixtures';

// Bad input ends in a clear error banner, never a blank page, and the rest of the window keeps working.

test('opening a folder that is not a project shows a clear error and the UI keeps working', async ({ page, served, workDir }, testInfo) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const notAProject = join(workDir, 'just-some-notes');
  await mkdir(notAProject, { recursive: true });
  await writeFile(join(notAProject, 'README.md'), '# not a project\n');

  await page.goto(served.url);
  const input = page.getByTestId('path-input');
  await input.fill(notAProject);
  await page.getByTestId('open-button').click();

  const banner = page.getByTestId('error-banner');
  await expect(banner).toHaveCount(1);
  await expect(banner).toHaveAttribute('data-code', 'not-a-project');
  await expect(banner).toContainText(notAProject);
  await expect(banner).toContainText(/pyproject\.toml/);
  await expect(page.getByTestId('project-card')).toContainText('No project open');
  await snap(page, testInfo, 'bad-01-not-a-project');

  // A path that does not exist, submitted with Enter.
  const missing = join(workDir, 'no-such-folder');
  await input.fill(missing);
  await input.press('Enter');
  await expect(banner.filter({ hasText: 'does not exist' })).toHaveCount(1);

  // Malformed TOML: the banner points at the line and column.
  const broken = join(workDir, 'broken');
  await mkdir(broken, { recursive: true });
  await writeFile(join(broken, 'pyproject.toml'), '[project]\nname = "broken"\nversion = \n');
  await input.fill(broken);
  await page.getByTestId('open-button').click();
  const tomlError = banner.filter({ hasText: 'pyproject.toml' }).filter({ has: page.locator('.error-location') });
  await expect(tomlError).toHaveCount(1);
  await expect(tomlError.locator('.error-location')).toContainText(/pyproject\.toml:3:\d+/);
  await snap(page, testInfo, 'bad-02-errors');

  // Errors can be dismissed, and the app still works.
  for (let n = await page.getByTestId('error-dismiss').count(); n > 0; n--) {
    await page.getByTestId('error-dismiss').first().click();
  }
  await expect(banner).toHaveCount(0);
  await page.getByTestId('example-button').click();
  await expect(page.getByTestId('project-name')).toHaveText('hello-pyo3');
  await expect(page.getByTestId('build-button')).toBeEnabled();
  await snap(page, testInfo, 'bad-03-recovered');

  expect(errors).toEqual([]);
});

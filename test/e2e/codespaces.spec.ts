import { copyExample, expect, snap, test } from './fixtures';

// In a GitHub Codespace (CODESPACES=true) builds default to the low-memory profile: the build panel and the
// settings say so, the doctor explains it, and a build with nothing chosen runs low-memory.

test.use({ serverEnv: { CODESPACES: 'true', CODESPACE_NAME: 'studious-space-fishstick' } });

test('in a Codespace a build with no profile chosen is low-memory, and the app says why', async ({ page, served, workDir }, testInfo) => {
  test.setTimeout(6 * 60_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const project = await copyExample(workDir);
  await page.goto(served.url);
  await page.getByTestId('path-input').fill(project);
  await page.getByTestId('path-input').press('Enter');
  await expect(page.getByTestId('project-card')).toContainText(project);

  await expect(page.getByTestId('settings-summary')).toHaveText('⚙ low-memory (GitHub Codespaces default)');
  await expect(page.getByTestId('doctor-panel')).toContainText('Codespace studious-space-fishstick', { timeout: 60_000 });
  await expect(page.getByTestId('doctor-panel')).toContainText('Builds default to the low-memory profile here.');

  await page.getByTestId('settings-button').click();
  const dialog = page.getByTestId('settings-dialog');
  const profile = dialog.getByLabel('Profile');
  await expect(profile).toHaveValue('');
  await expect(profile.locator('option:checked')).toHaveText('default (low-memory)');
  await expect(dialog.getByTestId('field-profile')).toContainText('In GitHub Codespaces builds default to low-memory.');
  await snap(page, testInfo, 'codespaces-01-settings');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  await page.getByTestId('build-button').click();
  // The build's first line, before cargo's output scrolls it away.
  await expect(page.getByTestId('terminal')).toContainText('low-memory profile: 1 cargo job', { timeout: 60_000 });
  const status = page.getByTestId('build-status');
  await expect(status).toHaveAttribute('data-status', /succeeded|failed|cancelled/, { timeout: 5 * 60_000 });
  await expect(status).toHaveAttribute('data-status', 'succeeded');
  await expect(page.getByTestId('wheel-item')).toHaveCount(1);

  await page.getByTestId('history-button').click();
  const item = page.getByTestId('history-dialog').getByTestId('history-item').first();
  await expect(item).toContainText('low-memory · 1 job');
  // The biggest single process of the build is named: a compiler and its crate, the floor fewer jobs cannot go below.
  await expect(item.getByTestId('history-largest')).toHaveText(/· largest: rustc compiling [a-z0-9_]+, \d+ MB$/);
  await snap(page, testInfo, 'codespaces-02-history');
  expect(errors).toEqual([]);
});

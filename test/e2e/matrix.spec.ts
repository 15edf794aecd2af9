import { copyExample, expect, snap, test } from './fixtures';

// Issue 5 in the browser against the real engine: the target picker with what builds here and why
// not, settings that persist, a two-target matrix build (host + linux-aarch64) with a row per target,
// per-target output, and the history with its logs. Build-heavy: one real matrix build only.

test('the target picker shows every target grouped by OS, with strategies and reasons', async ({ page, served }, testInfo) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(served.url);

  const picker = page.getByTestId('target-picker');
  await expect(picker).toBeVisible();
  for (const os of ['linux', 'windows', 'macos']) await expect(picker.locator(`[data-testid="target-group"][data-os="${os}"]`)).toBeVisible();
  // host plus the catalog, host picked by default and always buildable.
  const options = picker.getByTestId('target-option');
  await expect(options).toHaveCount(11);
  const host = picker.locator('[data-testid="target-option"][data-alias="host"]');
  await expect(host.getByRole('checkbox')).toBeChecked();
  await expect(host).toHaveAttribute('data-available', 'true');
  await expect(page.getByTestId('target-summary')).toHaveText('host');

  // An available cross target: its platform tag, strategy and reason.
  const aarch64 = picker.locator('[data-testid="target-option"][data-alias="linux-aarch64"]');
  await expect(aarch64).toHaveAttribute('data-available', 'true');
  await expect(aarch64.getByTestId('target-platform-tag')).toHaveText('manylinux2014_aarch64');
  await expect(aarch64.getByTestId('target-strategy')).toHaveText(/^(zig|linker|build-std|native)$/);
  await expect(aarch64.getByTestId('target-reason')).not.toBeEmpty();
  await expect(aarch64.getByRole('checkbox')).toBeEnabled();

  // Unavailable ones (on this machine at least Windows arm64, whose CRT cannot be downloaded): disabled,
  // with the reason on the row and the fix one click away.
  const unavailable = picker.locator('[data-testid="target-option"][data-available="false"]');
  expect(await unavailable.count()).toBeGreaterThan(0);
  const first = unavailable.first();
  await expect(first.getByRole('checkbox')).toBeDisabled();
  await expect(first.getByTestId('target-strategy')).toHaveText("can't build");
  await expect(first.getByTestId('target-reason')).not.toBeEmpty();
  await first.getByRole('button', { name: /Why not, and the fix/ }).click();
  const detail = picker.getByTestId('target-detail');
  await expect(detail).toContainText("Can't build here.");
  await expect(detail).toContainText('Fix:');
  await snap(page, testInfo, 'matrix-01-target-picker');

  // Keyboard: the picker collapses and expands; the checkboxes are reachable and toggle with Space.
  await aarch64.getByRole('checkbox').focus();
  await page.keyboard.press('Space');
  await expect(page.getByTestId('target-summary')).toHaveText('hostlinux-aarch64');
  // The pick is still there after a reload.
  await page.reload();
  await expect(page.getByTestId('target-summary')).toHaveText('hostlinux-aarch64');
  await expect(aarch64.getByRole('checkbox')).toBeChecked();
  await snap(page, testInfo, 'matrix-01b-picker-after-reload');
  await aarch64.getByRole('checkbox').focus();
  await page.keyboard.press('Space');
  await expect(page.getByTestId('target-summary')).toHaveText('host');
  await page.getByTestId('target-picker-toggle').click();
  await expect(options).toHaveCount(0);
  await page.getByTestId('target-picker-toggle').click();
  await expect(options).toHaveCount(11);
  expect(errors).toEqual([]);
});

test('settings: typed validation errors per field, saved, and still there after a reload', async ({ page, served }, testInfo) => {
  await page.goto(served.url);
  await expect(page.getByTestId('settings-summary')).toContainText('release (default)');

  // Ctrl+, opens the settings.
  await page.locator('body').press('Control+,');
  const dialog = page.getByTestId('settings-dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Profile').selectOption('low-memory');
  await dialog.getByLabel('Memory budget').fill('2G');
  await dialog.getByLabel('Jobs').fill('0');
  await dialog.getByLabel('Cargo features').fill('serde, not a feature!');
  await dialog.getByTestId('settings-save').click();

  // The contract rejects them: each message under its field, nothing saved, the dialog stays open.
  await expect(dialog.getByTestId('field-jobs').getByTestId('field-error')).toHaveText('Must be at least 1.');
  await expect(dialog.getByTestId('field-features').getByTestId('field-error')).toContainText('is not a cargo feature');
  await expect(dialog.getByLabel('Jobs')).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByTestId('settings-invalid')).toBeVisible();
  await expect(page.getByTestId('error-banner')).toHaveCount(0);
  // A size that is not a size never leaves the page.
  await dialog.getByLabel('Memory budget').fill('lots');
  await dialog.getByTestId('settings-save').click();
  await expect(dialog.getByTestId('field-memoryBudget').getByTestId('field-error')).toContainText('2G or 1536M');
  await snap(page, testInfo, 'matrix-02-settings-invalid');

  await dialog.getByLabel('Memory budget').fill('2G');
  await dialog.getByLabel('Jobs').fill('');
  await dialog.getByLabel('Cargo features').fill('');
  await dialog.getByLabel('LTO').selectOption('thin');
  await dialog.getByLabel('Linux compatibility').fill('manylinux_2_28');
  await dialog.getByTestId('settings-save').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('settings-summary')).toHaveText(/low-memory · budget 2G · LTO thin · manylinux_2_28/);
  // The compatibility changes the Linux targets' tags.
  await expect(page.locator('[data-testid="target-option"][data-alias="linux-aarch64"]').getByTestId('target-platform-tag')).toHaveText('manylinux_2_28_aarch64');

  await page.reload();
  await expect(page.getByTestId('settings-summary')).toHaveText(/low-memory · budget 2G/);
  await page.getByTestId('settings-button').click();
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('Profile')).toHaveValue('low-memory');
  await expect(dialog.getByLabel('Memory budget')).toHaveValue('2G');
  await expect(dialog.getByLabel('LTO')).toHaveValue('thin');
  await expect(dialog.getByLabel('Linux compatibility')).toHaveValue('manylinux_2_28');
  await snap(page, testInfo, 'matrix-03-settings-reloaded');
  // Esc closes the dialog (and cancels nothing).
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});

test('a host + linux-aarch64 matrix build: a row each, both ok, two wheels, per-target output, history with logs', async ({ page, served, workDir }, testInfo) => {
  test.setTimeout(8 * 60_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const project = await copyExample(workDir);
  await page.goto(served.url);
  await page.getByTestId('path-input').fill(project);
  await page.getByTestId('open-button').click();
  await expect(page.getByTestId('project-card')).toContainText(project);

  // History starts empty for this project.
  await page.getByTestId('history-button').click();
  const history = page.getByTestId('history-dialog');
  await expect(history.getByTestId('history-empty')).toBeVisible();
  await history.getByRole('button', { name: 'Close' }).click();
  await expect(history).toBeHidden();

  const aarch64 = page.locator('[data-testid="target-option"][data-alias="linux-aarch64"]');
  await aarch64.getByRole('checkbox').check();
  await expect(page.getByTestId('build-button')).toHaveText('Build 2 targets');
  await page.getByTestId('build-button').click();

  const rows = page.getByTestId('target-row');
  await expect(rows).toHaveCount(2);
  const hostRow = page.locator('[data-testid="target-row"][data-alias="host"]');
  const armRow = page.locator('[data-testid="target-row"][data-alias="linux-aarch64"]');
  await expect(hostRow).toHaveAttribute('data-status', /queued|building|ok/);
  await expect(armRow).toHaveAttribute('data-status', /queued|building|ok/);
  await expect(page.getByTestId('cancel-button')).toHaveText('Cancel all');
  await expect(page.getByTestId('terminal')).toContainText('Compiling', { timeout: 180_000 });
  await snap(page, testInfo, 'matrix-04-building');

  const status = page.getByTestId('build-status');
  await expect(status).toHaveAttribute('data-status', /succeeded|failed|cancelled/, { timeout: 7 * 60_000 });
  await snap(page, testInfo, 'matrix-05-built');
  if ((await status.getAttribute('data-status')) !== 'succeeded') {
    throw new Error(`The matrix build did not succeed:\n${await page.getByTestId('build-panel').innerText()}\n\nServer output:\n${served.output()}`);
  }
  await expect(hostRow).toHaveAttribute('data-status', 'ok');
  await expect(armRow).toHaveAttribute('data-status', 'ok');
  await expect(hostRow).toHaveAttribute('data-target', /^x86_64-|^aarch64-/);
  await expect(armRow).toHaveAttribute('data-target', 'aarch64-unknown-linux-gnu');
  for (const row of [hostRow, armRow]) {
    await expect(row.getByTestId('row-duration')).toHaveText(/\d/);
    await expect(row.getByTestId('row-strategy')).toHaveText(/^(native|zig|linker|build-std)$/);
    await expect(row.getByTestId('progress')).toHaveAttribute('data-percent', '100');
  }
  await expect(armRow.getByTestId('row-peak')).toContainText('peak');

  // Two wheels, the aarch64 one tagged manylinux2014_aarch64.
  await expect(page.getByTestId('wheel-item')).toHaveCount(2);
  await expect(page.getByTestId('wheel-name').filter({ hasText: 'manylinux2014_aarch64' })).toHaveCount(1);

  // The terminal shows one target's output on its tab.
  const tabs = page.getByTestId('output-tab');
  await expect(tabs).toHaveCount(3);
  // (The terminal's DOM holds only the rows on screen: check the last lines, the wheel each made.)
  const terminal = page.getByTestId('terminal');
  await page.locator('[data-testid="output-tab"][data-alias="linux-aarch64"]').click();
  await expect(terminal).toContainText('manylinux2014_aarch64');
  await expect(terminal).not.toContainText('x86_64.whl');
  await snap(page, testInfo, 'matrix-06-aarch64-output');
  await page.locator('[data-testid="output-tab"][data-alias="host"]').click();
  await expect(terminal).toContainText('x86_64.whl');
  await expect(terminal).not.toContainText('manylinux2014_aarch64');
  await page.locator('[data-testid="output-tab"][data-alias=""]').click();
  await expect(page.locator('[data-testid="output-tab"][data-alias=""]')).toHaveAttribute('aria-selected', 'true');

  // A finished row opens its own log.
  await armRow.getByTestId('row-log').click();
  await expect(history).toBeVisible();
  await expect(history.locator('[data-testid="history-item"][aria-current="true"]')).toHaveAttribute('data-target', 'aarch64-unknown-linux-gnu');
  await expect(history.getByTestId('log-view')).toContainText('Compiling', { timeout: 30_000 });
  await page.keyboard.press('Escape');
  await expect(history).toBeHidden();

  // Ctrl+H: the history lists both targets of the build, with their details; a click shows a log.
  await page.locator('body').press('Control+h');
  await expect(history).toBeVisible();
  const items = history.getByTestId('history-item');
  await expect(items).toHaveCount(2);
  for (const s of await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-status')))) expect(s).toBe('ok');
  await expect(items.first().getByTestId('history-duration')).toHaveText(/\d/);
  await expect(history).toContainText('release');
  await history.locator('[data-testid="history-item"]:not([data-target="aarch64-unknown-linux-gnu"])').click();
  await expect(history.getByTestId('log-view')).toContainText('Compiling', { timeout: 30_000 });
  // The command, opened from the keyboard: the folder, the environment and the maturin run, into the output folder.
  await history.getByTestId('history-command').locator('summary').focus();
  await page.keyboard.press('Enter');
  const rerun = history.getByTestId('history-rerun');
  await expect(rerun).toHaveText(/^cd \S+ && env .*CARGO_TARGET_DIR=\S+.* \S*maturin build --out \S+\/dist /);
  await expect(rerun).not.toContainText('.wheelbench-partial');
  await expect(history.getByRole('button', { name: /Copy the command/ })).toBeVisible();
  await snap(page, testInfo, 'matrix-07-history-log');
  expect(errors).toEqual([]);
});

import { writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, snap, test } from './fixtures';

// The Doctor view in the browser against the real core: areas with statuses, per-target plans, a fix that
// runs with its output live in the doctor's terminal and a re-check, and a system-package fix that only
// runs after the user has seen its exact command (here it is cancelled: the test never runs apt).

// PROTOC points nowhere: the protoc check offers the system package, behind a confirmation.
test.use({ serverEnv: { PROTOC: '/nonexistent/protoc' } });

test('the doctor names broken pieces, runs a fix live, and asks before changing the system', async ({ page, served }, testInfo) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(served.url);

  const panel = page.getByTestId('doctor-panel');
  const areas = page.getByTestId('doctor-area');
  await expect(areas.first()).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('[data-area="Rust"]')).toHaveAttribute('data-status', 'ok');
  await expect(page.locator('[data-area="Target x86_64-unknown-linux-gnu"]')).toContainText('Can be built here: strategy native');

  // A target more: aarch64 builds with Debian's std and zig.
  await page.getByTestId('doctor-targets').getByRole('checkbox', { name: 'linux-aarch64' }).check();
  const aarch64 = page.locator('[data-area="Target aarch64-unknown-linux-gnu"]');
  await expect(aarch64).toContainText('Can be built here: strategy zig', { timeout: 30_000 });
  await snap(page, testInfo, 'doctor-01-areas-and-targets');

  // Break zig's cache directory, re-check: the zig area opens with the error and a Fix button.
  await mkdir(join(served.dataDir, 'cache'), { recursive: true });
  await writeFile(join(served.dataDir, 'cache', 'zig'), 'a file where a directory belongs');
  await page.getByTestId('doctor-recheck').click();
  const cacheCheck = page.locator('[data-check-id="tool.zig.cache"]');
  await expect(cacheCheck).toHaveAttribute('data-status', 'error', { timeout: 30_000 });
  await expect(cacheCheck).toContainText('exists but is not a directory');
  await expect(page.locator('[data-area="zig"]')).toHaveAttribute('data-status', 'error');
  await snap(page, testInfo, 'doctor-02-zig-cache-broken');

  // One click: the fix runs, its output streams into the doctor's terminal, and the doctor re-checks.
  await cacheCheck.getByTestId('fix-button').click();
  const console_ = page.getByTestId('fix-console');
  await expect(console_).toHaveAttribute('data-status', 'succeeded', { timeout: 30_000 });
  await expect(page.getByTestId('fix-terminal')).toContainText('Created');
  await expect(page.getByTestId('fix-message')).toContainText('is fresh and writable');
  await expect(cacheCheck).toHaveAttribute('data-status', 'ok', { timeout: 30_000 });
  await snap(page, testInfo, 'doctor-03-fixed-live');

  // protoc: a system package. The button asks first and shows the exact command; Cancel runs nothing.
  const protoc = page.locator('[data-check-id="tool.protoc"]');
  await expect(protoc).toHaveAttribute('data-status', 'warn');
  await protoc.getByTestId('fix-button').click();
  const dialog = page.getByTestId('confirm-fix');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('This fix changes your system');
  await expect(dialog.locator('code')).toHaveText(/^(sudo )?apt-get install -y --no-install-recommends protobuf-compiler$/);
  await snap(page, testInfo, 'doctor-04-confirm-system-fix');
  await page.getByTestId('confirm-fix-cancel').click();
  await expect(dialog).toHaveCount(0);
  await expect(console_).toHaveAttribute('data-status', 'succeeded');
  await expect(panel).not.toContainText('Fix failed');

  expect(errors).toEqual([]);
});

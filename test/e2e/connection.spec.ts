import { expect, snap, test } from './fixtures';

test('a dropped connection shows the reconnecting banner, not a broken page', async ({ page, served }, testInfo) => {
  await page.goto(served.url);
  await expect(page.getByTestId('example-button')).toBeEnabled();
  await expect(page.getByTestId('connection-banner')).toHaveCount(0);

  await served.stop();
  const banner = page.getByTestId('connection-banner');
  await expect(banner).toContainText('Disconnected from Wheelbench — reconnecting…');
  // The window stays usable: what was shown is still there and controls still respond.
  await expect(page.getByTestId('path-input')).toBeEditable();
  await expect(page.getByTestId('doctor-panel')).toBeVisible();
  await snap(page, testInfo, 'connection-01-dropped');
});

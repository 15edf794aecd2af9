import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Page } from '@playwright/test';
import { aarch64ExampleWheel, hostExampleWheel } from '../helpers/built-wheels';
import { readWheelFiles, writeWheel } from '../helpers/wheel-surgery';
import { copyExample, expect, snap, test } from './fixtures';

// The Wheels view in the browser: every wheel in the project's dist folder inspected (badges for tags,
// RECORD, manylinux policy, abi3), verified on request (on this machine, or under qemu for aarch64),
// details with each problem and its fix, and a wheel dropped on the page uploaded and inspected.

async function dropFile(page: Page, path: string): Promise<void> {
  await page.evaluate(
    ({ name, base64 }) => {
      // The test compiles without the DOM types: the page's globals, as used here.
      const page = globalThis as unknown as {
        DataTransfer: new () => { items: { add(file: unknown): void } };
        DragEvent: new (type: string, init: object) => unknown;
        dispatchEvent(event: unknown): boolean;
      };
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const transfer = new page.DataTransfer();
      transfer.items.add(new File([bytes], name));
      for (const type of ['dragenter', 'dragover', 'drop']) {
        page.dispatchEvent(new page.DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }));
      }
    },
    { name: basename(path), base64: readFileSync(path).toString('base64') },
  );
}

test('inspects the wheels in dist, verifies them on the host and under qemu, and explains a broken one', async ({ page, served, workDir }, testInfo) => {
  test.setTimeout(10 * 60_000);
  const hostWheel = hostExampleWheel();
  const armWheel = aarch64ExampleWheel();
  const project = await copyExample(workDir);
  const dist = join(project, 'dist');
  mkdirSync(dist, { recursive: true });
  copyFileSync(hostWheel, join(dist, basename(hostWheel)));
  if (armWheel) copyFileSync(armWheel, join(dist, basename(armWheel)));
  const files = await readWheelFiles(hostWheel);
  files.set('hello_pyo3/__init__.py', Buffer.concat([files.get('hello_pyo3/__init__.py') as Buffer, Buffer.from('\n# edited after the build\n')]));
  // A build tag (the "1") keeps the name apart from the intact wheel and the .dist-info name valid.
  const broken = writeWheel(dist, basename(hostWheel).replace('-0.1.0-', '-0.1.0-1-'), files);

  await page.goto(served.url);
  await page.getByTestId('path-input').fill(project);
  await page.getByTestId('open-button').click();
  await expect(page.getByTestId('project-card')).toContainText(project);

  const host = page.getByTestId('wheel-item').filter({ hasText: basename(hostWheel) });
  await expect(host.getByTestId('wheel-badge-record')).toHaveText('RECORD ✓', { timeout: 60_000 });
  await expect(host.getByTestId('wheel-badge-policy')).toHaveText(/^manylinux_2_\d+_x86_64$/);
  await expect(host.getByTestId('wheel-badge-abi3')).toHaveText('abi3 ≥ 3.9');
  await expect(host.getByTestId('wheel-badge-verified')).toHaveText('not verified');
  await expect(host.getByText(`pip install ${join(dist, basename(hostWheel))}`)).toBeVisible();

  await host.getByTestId('wheel-verify').click();
  await expect(host.getByTestId('wheel-badge-verified')).toHaveText('imported on host', { timeout: 120_000 });
  await expect(host.getByTestId('wheel-badge-verified')).toHaveAttribute('data-tone', 'ok');
  await host.getByTestId('wheel-toggle-details').click();
  await expect(host.getByTestId('wheel-details')).toContainText('No problems');
  await expect(host.getByTestId('wheel-verification')).toContainText('hello_pyo3._native');
  await expect(host.getByTestId('wheel-details')).toContainText('PyInit__native');
  await snap(page, testInfo, 'wheels-01-host-verified');
  await host.getByTestId('wheel-toggle-details').click();

  const bad = page.getByTestId('wheel-item').filter({ hasText: basename(broken) });
  await expect(bad.getByTestId('wheel-badge-record')).toHaveText('RECORD ✗');
  await expect(bad.getByTestId('wheel-badge-problems')).toHaveText(/^\d+ errors?/);
  await bad.getByTestId('wheel-toggle-details').click();
  const mismatch = bad.locator('[data-problem-id="record.hash-mismatch"]');
  await expect(mismatch).toContainText('hello_pyo3/__init__.py does not match its RECORD hash');
  await expect(mismatch).toContainText('Rebuild the wheel');
  await snap(page, testInfo, 'wheels-02-broken-details');
  await bad.getByTestId('wheel-toggle-details').click();

  if (armWheel) {
    const arm = page.getByTestId('wheel-item').filter({ hasText: basename(armWheel) });
    await expect(arm.getByTestId('wheel-badge-policy')).toHaveText('manylinux_2_17_aarch64');
    await arm.getByTestId('wheel-verify').click();
    await expect(arm.getByTestId('wheel-badge-verified')).toHaveText('imported under qemu', { timeout: 5 * 60_000 });
    await expect(page.getByTestId('terminal')).toContainText('qemu-aarch64');
    await snap(page, testInfo, 'wheels-03-aarch64-under-qemu');
  } else {
    testInfo.annotations.push({ type: 'skipped-part', description: 'no aarch64 Rust std here: the qemu part did not run (see .ci/setup)' });
  }
  await expect(page.getByTestId('error-banner')).toHaveCount(0);
});

test('a wheel dropped on the page is uploaded and inspected; a file that is not a wheel says so', async ({ page, served, workDir }, testInfo) => {
  const hostWheel = hostExampleWheel();
  await page.goto(served.url);
  await expect(page.getByTestId('wheels-panel')).toContainText('drop any .whl here');

  await dropFile(page, hostWheel);
  const dropped = page.getByTestId('wheel-item').filter({ hasText: basename(hostWheel) });
  await expect(dropped.getByTestId('wheel-badge-record')).toHaveText('RECORD ✓', { timeout: 60_000 });
  await expect(dropped).toContainText('dropped');
  await expect(dropped.getByText(/pip install .*uploads/)).toBeVisible();
  await snap(page, testInfo, 'wheels-04-dropped');

  const notAWheel = join(workDir, 'notes-1.0-py3-none-any.whl');
  writeFileSync(notAWheel, 'these are my notes, not a zip');
  await dropFile(page, notAWheel);
  await expect(page.getByTestId('error-banner')).toContainText('notes-1.0-py3-none-any.whl is not a wheel: it is not a zip archive');
  await snap(page, testInfo, 'wheels-05-not-a-wheel');
});

import { copyFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../../src-main/core/create-core';
import { hostExampleWheel } from '../../helpers/built-wheels';
import { exampleProject, tempDir } from '../../helpers/paths';

// A matrix build hands every wheel it made to verification at once. Installs and imports take turns
// (one at a time on this 2-core machine); the waiting ones say so, and one cancelled while waiting
// never starts.

describe('verifications take turns', () => {
  it('one waits for the other, says so, and both import; a cancelled waiter never runs', async () => {
    const core = createCore({ dataDir: tempDir('data'), mode: 'cli', version: 'test', exampleProject, verifyConcurrency: 1 });
    const output = new Map<string, string>();
    const waiting: { jobId: string; waiting: boolean }[] = [];
    const stop = core.onEvent((event) => {
      if (event.type === 'output') output.set(event.jobId, (output.get(event.jobId) ?? '') + event.data);
      if (event.type === 'verify-waiting') waiting.push({ jobId: event.jobId, waiting: event.waiting });
    });
    const host = hostExampleWheel();
    const copies = ['second', 'third'].map((name) => {
      const copy = join(tempDir(name), basename(host));
      copyFileSync(host, copy);
      return copy;
    });
    try {
      const first = await core.verifyWheel({ path: host });
      const second = await core.verifyWheel({ path: copies[0] as string });
      const third = await core.verifyWheel({ path: copies[1] as string });
      await core.cancelJob({ jobId: third.jobId });
      const [a, b, c] = await Promise.all([first, second, third].map((job) => core.waitForJob(job)));
      expect(a).toMatchObject({ kind: 'verify', ok: true, report: { execution: { status: 'imported', runner: 'host' } } });
      expect(b).toMatchObject({ kind: 'verify', ok: true, report: { execution: { status: 'imported', runner: 'host' } } });
      expect(c).toMatchObject({ kind: 'verify', ok: false, report: null, message: 'Cancelled before it started.' });
      // Whichever finished its inspection first installs first; the other says it waits.
      const waited = [first, second].filter((job) => output.get(job.jobId)?.includes('Waiting for the verification before this one to finish'));
      expect(waited).toHaveLength(1);
      // The UI hears it too: waiting, then its turn (the wheels list shows "waiting…", then "verifying…").
      const waiter = (waited[0] as { jobId: string }).jobId;
      expect(waiting.filter((w) => w.jobId === waiter)).toEqual([
        { jobId: waiter, waiting: true },
        { jobId: waiter, waiting: false },
      ]);
      expect(output.get(third.jobId)).not.toContain('pip install');
    } finally {
      stop();
      await core.dispose();
    }
  });
});

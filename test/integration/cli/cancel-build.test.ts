import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { descendantsOf, isAlive } from '../../../src-main/core/process/kill-tree';
import { ndjson, startCli } from '../../helpers/cli';
import { exampleProject, tempDir } from '../../helpers/paths';

function commandOf(pid: number): string {
  try {
    return execFileSync('ps', ['-o', 'comm=', '-p', String(pid)], { encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
}

describe('cancelling a real build (SIGINT to wheelbench build)', () => {
  it('exits 130 within seconds, leaves no cargo/rustc/maturin alive and no wheel; the next build succeeds', async () => {
    const dataDir = tempDir('data');
    const outDir = tempDir('out');
    const args = ['build', exampleProject, '--out', outDir, '--data-dir', dataDir, '--json'];
    const run = startCli(args);
    await run.waitFor(/Compiling/);

    // Mid-compile: the tree holds maturin, cargo and rustc.
    let tree: number[] = [];
    for (let i = 0; i < 50 && !tree.map(commandOf).some((c) => c.startsWith('rustc')); i++) {
      tree = await descendantsOf(run.child.pid as number);
      await new Promise((r) => setTimeout(r, 100));
    }
    const names = tree.map(commandOf);
    expect(names).toContain('maturin');
    expect(names).toContain('cargo');
    expect(names.some((n) => n.startsWith('rustc'))).toBe(true);

    const sentAt = Date.now();
    run.child.kill('SIGINT');
    const { code, stdout } = await run.exit;
    expect(code).toBe(130);
    expect(Date.now() - sentAt).toBeLessThan(5000);

    const alive = tree.filter(isAlive).map((pid) => `${pid} ${commandOf(pid)}`);
    expect(alive).toEqual([]);
    expect(readdirSync(outDir)).toEqual([]);
    const last = ndjson(stdout).at(-1);
    expect(last).toMatchObject({ type: 'result', targets: [{ status: 'cancelled', wheel: null }] });

    // Same target dir, same out dir: nothing left behind blocks the next build (.cargo-lock).
    const second = await startCli(args).exit;
    expect(second.code).toBe(0);
    const wheels = readdirSync(outDir);
    expect(wheels).toHaveLength(1);
    expect(wheels[0]).toMatch(/^hello_pyo3-0\.1\.0-cp39-abi3-.*\.whl$/);
    expect(ndjson(second.stdout).at(-1)).toMatchObject({ type: 'result', targets: [{ status: 'ok' }] });

    // `wheelbench history` lists both, newest first, and how to run the newest by hand.
    const history = await startCli(['history', exampleProject, '--data-dir', dataDir]).exit;
    expect(history.code).toBe(0);
    const rows = history.stdout.split('\n').filter((l) => /^\d{4}-\d\d-\d\d \d\d:\d\d /.test(l));
    expect(rows.map((r) => r.split(/\s{2,}/).slice(1, 4))).toEqual([
      ['host · x86_64-unknown-linux-gnu', 'release', 'ok'],
      ['host · x86_64-unknown-linux-gnu', 'release', 'cancelled'],
    ]);
    expect(history.stdout).toContain(wheels[0]);
    expect(history.stdout).toMatch(new RegExp(`Run it by hand \\(into the output folder\\):\n  cd \\S+ && env .* --out ${outDir} `));
    const json = JSON.parse((await startCli(['history', exampleProject, '--data-dir', dataDir, '--json']).exit).stdout);
    expect(json.builds.map((b: { result: { status: string } }) => b.result.status)).toEqual(['ok', 'cancelled']);
  });
});

// Shared helpers for the benchmark scripts: run commands, time them, print medians and ratios.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const cli = join(repoRoot, 'out', 'main', 'cli.js');
export const example = join(repoRoot, 'resources', 'examples', 'hello-pyo3');

export function temp(prefix) {
  return mkdtempSync(join(tmpdir(), `wb-bench-${prefix}-`));
}

export function remove(dir) {
  rmSync(dir, { recursive: true, force: true });
}

/** Runs a command to completion and returns its wall time in ms; throws when it fails. */
export function timed(file, args, options = {}) {
  const started = process.hrtime.bigint();
  const run = spawnSync(file, args, { stdio: options.quiet === false ? 'inherit' : 'pipe', encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, ...options });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (run.status !== 0) {
    throw new Error(`${file} ${args.join(' ')} exited ${run.status}\n${(run.stdout ?? '').slice(-3000)}\n${(run.stderr ?? '').slice(-3000)}`);
  }
  return { ms, stdout: run.stdout ?? '', stderr: run.stderr ?? '' };
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The value after `--name` on the command line, or the fallback. */
export function argValue(name, fallback) {
  const index = process.argv.indexOf(name);
  return index > 0 ? process.argv[index + 1] : fallback;
}

export function runsFromArgs(defaultRuns) {
  return Number(argValue('--runs', defaultRuns));
}

export const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;

export function report(title, rows, ratio) {
  console.log(`\n${title}`);
  for (const [label, values] of rows) console.log(`  ${label.padEnd(34)} median ${seconds(median(values))}   runs: ${values.map(seconds).join(', ')}`);
  if (ratio) console.log(`  ratio ${ratio.label}: ${ratio.value.toFixed(3)}×${ratio.goal ? `   (goal ${ratio.goal})` : ''}`);
}

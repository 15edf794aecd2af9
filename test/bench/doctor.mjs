#!/usr/bin/env node
// Benchmark: `wheelbench doctor` cold (no probe cache: a fresh data dir) and warm (cache from the run
// before), through the real CLI, beside the raw tool queries a user would type one after another.
// Prints medians. Run `npm run build` first; `npm run bench:doctor` does both.
//
//   node test/bench/doctor.mjs [--runs N] [--target T]...

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const cli = join(repo, 'out', 'main', 'cli.js');
if (!existsSync(cli)) {
  console.error(`${cli} is missing: run npm run build first.`);
  process.exit(2);
}

const { values } = parseArgs({ options: { runs: { type: 'string', default: '7' }, target: { type: 'string', multiple: true, default: ['host', 'linux-aarch64'] } } });
const runs = Math.max(3, Number(values.runs));
const targetArgs = values.target.flatMap((t) => ['--target', t]);

function doctor(dataDir) {
  const started = performance.now();
  const run = spawnSync(process.execPath, [cli, 'doctor', '--json', '--data-dir', dataDir, ...targetArgs], { encoding: 'utf8' });
  const wall = performance.now() - started;
  if (run.status !== 0 && run.status !== 1) throw new Error(`doctor failed (${run.status}): ${run.stderr}`);
  const report = JSON.parse(run.stdout);
  return { doctorMs: report.durationMs, wallMs: wall, checks: report.checks.length };
}

/** The queries a user would type to learn the same, one after another, as their shell runs them. */
const RAW = [
  ['rustc', '-vV'],
  ['rustc', '--print', 'sysroot'],
  ['cargo', '--version'],
  ['rustup', 'toolchain', 'list'],
  ['rustup', 'target', 'list', '--installed'],
  ['/usr/bin/rustc', '-vV'],
  ['maturin', '--version'],
  ['python3', '--version'],
  ['python3', '-m', 'ziglang', 'version'],
  ['protoc', '--version'],
  ['patchelf', '--version'],
  ['auditwheel', '--version'],
  ['abi3audit', '--version'],
  ['aarch64-linux-gnu-gcc', '-dumpversion'],
  ['curl', '-sS', '-o', '/dev/null', '-m', '3', 'https://pypi.org/simple/'],
];

function rawSequence() {
  const started = performance.now();
  for (const [file, ...args] of RAW) spawnSync(file, args, { stdio: 'ignore' });
  return performance.now() - started;
}

const median = (xs) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const ms = (x) => `${Math.round(x)} ms`;

const cold = [];
for (let i = 0; i < runs; i++) {
  const dataDir = mkdtempSync(join(tmpdir(), 'wb-bench-cold-'));
  try {
    cold.push(doctor(dataDir));
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const warmDir = mkdtempSync(join(tmpdir(), 'wb-bench-warm-'));
const warm = [];
try {
  doctor(warmDir);
  for (let i = 0; i < runs; i++) warm.push(doctor(warmDir));
} finally {
  rmSync(warmDir, { recursive: true, force: true });
}

const raw = Array.from({ length: runs }, rawSequence);

const coldDoctor = median(cold.map((r) => r.doctorMs));
const warmDoctor = median(warm.map((r) => r.doctorMs));
const rawMedian = median(raw);
console.log(`wheelbench doctor ${targetArgs.join(' ')}: ${cold[0]?.checks} checks, ${runs} runs each, medians`);
console.log(`  cold (no cache)  doctor ${ms(coldDoctor).padStart(8)}   CLI process ${ms(median(cold.map((r) => r.wallMs))).padStart(8)}   (target ≤ 1500 ms)`);
console.log(`  warm (cached)    doctor ${ms(warmDoctor).padStart(8)}   CLI process ${ms(median(warm.map((r) => r.wallMs))).padStart(8)}   (target ≤ 300 ms)`);
console.log(`  raw: ${RAW.length} tool queries typed one after another: ${ms(rawMedian)}`);
console.log(`  ratios: cold doctor / raw = ${(coldDoctor / rawMedian).toFixed(2)}, warm doctor / raw = ${(warmDoctor / rawMedian).toFixed(3)}`);

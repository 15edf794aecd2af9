import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { it } from 'vitest';
import { inspectArchive, inspectWheel } from '../../src-main/core/wheels/inspect-wheel';
import { hostExampleWheel } from '../helpers/built-wheels';
import { readWheelFiles, writeWheel, type WheelFiles } from '../helpers/wheel-surgery';

// `npm run bench:inspect`: how long Wheelbench takes to inspect a 50 MB wheel, median of several runs,
// next to the raw work any checker must do (Python's zipfile reading every entry and hashing it with
// sha256, which is what a RECORD check needs). Prints numbers; asserts nothing.

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const DIR = join(tmpdir(), 'wheelbench-bench');
const MB = 1024 * 1024;

/** A deterministic byte stream (xorshift), for data that does not compress, like packaged assets. */
function noise(bytes: number, seed: number): Buffer {
  const out = Buffer.alloc(bytes);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < bytes; i += 4) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out.writeUInt32LE(x >>> 0, Math.min(i, bytes - 4));
  }
  return out;
}

/**
 * About 50 MB on disk, shaped like a big real-world Rust extension wheel: the example's real extension
 * module, a large bundled native library (Node's own executable stands in: real machine code, real
 * compressibility), 1500 Python modules, and incompressible data files, all with an honest RECORD.
 */
async function fiftyMegabyteWheel(base: WheelFiles): Promise<string> {
  const path = join(DIR, 'hello_pyo3-0.1.0-cp39-abi3-manylinux_2_34_x86_64.whl');
  if (existsSync(path)) return path;
  mkdirSync(DIR, { recursive: true });
  const files = new Map(base);
  files.set('hello_pyo3.libs/libbundled-5f2a1c.so', readFileSync(process.execPath).subarray(0, 80 * MB));
  for (let i = 0; i < 1500; i++) {
    const body = Array.from({ length: 120 }, (_, line) => `def f_${i}_${line}(x):\n    return x * ${line} + ${i}  # ${'·'.repeat(line % 40)}\n`).join('');
    files.set(`hello_pyo3/generated/mod_${i}.py`, Buffer.from(body));
  }
  for (let i = 0; i < 8; i++) files.set(`hello_pyo3/data/table_${i}.bin`, noise(2 * MB, i + 1));
  return writeWheel(DIR, 'hello_pyo3-0.1.0-cp39-abi3-manylinux_2_34_x86_64.whl', files, { fixRecord: true });
}

/** The worst shape for one inspection: a single huge compressed binary (no parallelism across entries). */
async function singleBinaryWheel(base: WheelFiles): Promise<string> {
  const path = join(DIR, 'single', 'hello_pyo3-0.1.0-cp39-abi3-manylinux_2_34_x86_64.whl');
  if (existsSync(path)) return path;
  mkdirSync(join(DIR, 'single'), { recursive: true });
  const files = new Map(base);
  files.set('hello_pyo3.libs/libbundled-5f2a1c.so', readFileSync(process.execPath));
  return writeWheel(join(DIR, 'single'), 'hello_pyo3-0.1.0-cp39-abi3-manylinux_2_34_x86_64.whl', files, { fixRecord: true });
}

const middle = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

/** Wall-clock median, and the median CPU time this process spent (main thread and zlib's pool). */
async function median(runs: number, task: () => Promise<unknown> | unknown): Promise<{ median: number; cpu: number; all: number[] }> {
  await task(); // warm up (file cache, JIT)
  const all: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const usage = process.cpuUsage();
    await task();
    const used = process.cpuUsage(usage);
    all.push(performance.now() - started);
    cpu.push((used.user + used.system) / 1000);
  }
  return { median: middle(all), cpu: middle(cpu), all };
}

const PYTHON_RAW = `
import hashlib, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    for info in z.infolist():
        hashlib.sha256(z.read(info)).digest()
`;

const ms = (n: number) => `${Math.round(n)} ms`;

it('inspects a 50 MB wheel', async () => {
  const base = await readWheelFiles(hostExampleWheel());
  const rows: string[][] = [['wheel', 'size', 'unpacked', 'Wheelbench (built-in checks)', 'its CPU time', 'python zipfile+sha256 (raw)', 'ratio', 'with auditwheel+abi3audit']];
  for (const [label, path] of [
    ['mixed 50 MB', await fiftyMegabyteWheel(base)],
    ['one big binary', await singleBinaryWheel(base)],
  ] as const) {
    const report = await inspectArchive(path);
    if (report.verdict === 'error') throw new Error(`the benchmark wheel has problems: ${report.problems.map((p) => p.message).join('; ')}`);
    const ours = await median(RUNS, () => inspectArchive(path));
    const raw = await median(Math.min(RUNS, 5), () => execFileSync('python3', ['-c', PYTHON_RAW, path], { stdio: ['ignore', 'ignore', 'inherit'] }));
    const full = await median(3, () => inspectWheel(path, { env: process.env, dataDir: join(DIR, 'data') }));
    rows.push([
      label,
      `${(statSync(path).size / MB).toFixed(1)} MB`,
      `${(report.unpackedBytes / MB).toFixed(0)} MB`,
      `${ms(ours.median)} (runs: ${ours.all.map((n) => Math.round(n)).join(', ')})`,
      ms(ours.cpu),
      `${ms(raw.median)}`,
      `${(ours.median / raw.median).toFixed(2)}×`,
      ms(full.median),
    ]);
  }
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  const table = rows.map((r) => r.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ')).join('\n');
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`;
  console.log(`\nwheel inspection, median of ${RUNS} runs (raw: python3 reading and hashing every entry) on ${machine}\n${table}\n`);
}, 600_000);

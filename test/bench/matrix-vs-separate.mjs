// A 3-target matrix in one run (one shared target dir) vs the same three targets built as three
// separate cold builds. Goal: ≤ 0.8×.
//
// Cold means the project's cargo target dir is empty. The toolchain is prepared once beforehand, as a
// user's would be: std for targets without a prebuilt one is built once per toolchain and kept (what
// `rustup target add` gives where it can download), and zig's cache is filled. That preparation is
// timed and printed on its own. `--fresh-toolchain` instead starts every build from an empty data dir.
//   npm run build && node test/bench/matrix-vs-separate.mjs [--runs 1] [--targets a,b,c] [--fresh-toolchain]
import { join } from 'node:path';
import { argValue, cli, example, median, remove, report, runsFromArgs, seconds, temp, timed } from './bench-lib.mjs';

const runs = runsFromArgs(1);
const targets = argValue('--targets', 'linux-aarch64,windows-x86_64,macos-arm64').split(',');
const freshToolchain = process.argv.includes('--fresh-toolchain');
const sharedData = freshToolchain ? null : temp('data');

const build = (list) => {
  const data = sharedData ?? temp('data');
  const out = temp('out');
  try {
    remove(join(data, 'cargo-target'));
    return timed(process.execPath, [cli, 'build', example, ...list.flatMap((t) => ['--target', t]), '--out', out, '--data-dir', data]).ms;
  } finally {
    if (!sharedData) remove(data);
    remove(out);
  }
};

try {
  if (sharedData) console.log(`preparing the toolchain once (std kits, zig cache): ${seconds(build(targets))}`);
  const matrix = [];
  const separate = [];
  for (let i = 0; i < runs; i++) {
    separate.push(targets.reduce((sum, t) => sum + build([t]), 0));
    matrix.push(build(targets));
    console.log(`run ${i + 1}/${runs}: three separate ${separate.at(-1).toFixed(0)} ms, matrix ${matrix.at(-1).toFixed(0)} ms`);
  }
  report(`Targets ${targets.join(', ')}${freshToolchain ? ' (every build from an empty data dir)' : ' (cold cargo target dir, toolchain prepared)'}`, [['three separate cold builds (sum)', separate], ['one matrix build', matrix]], { label: 'matrix / separate', value: median(matrix) / median(separate), goal: '≤ 0.8×' });
} finally {
  if (sharedData) remove(sharedData);
}

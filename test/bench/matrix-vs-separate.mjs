// A 3-target matrix in one run (one shared target dir) vs the same three targets built as three
// separate cold builds. Goal: ≤ 0.8×.
//   npm run build && node test/bench/matrix-vs-separate.mjs [--runs 1] [--targets a,b,c]
import { cli, example, median, remove, report, runsFromArgs, temp, timed } from './bench-lib.mjs';

const runs = runsFromArgs(1);
const index = process.argv.indexOf('--targets');
const targets = (index > 0 ? process.argv[index + 1] : 'linux-aarch64,windows-x86_64,macos-arm64').split(',');
const matrix = [];
const separate = [];
const build = (list) => {
  const data = temp('data');
  const out = temp('out');
  try {
    return timed(process.execPath, [cli, 'build', example, ...list.flatMap((t) => ['--target', t]), '--out', out, '--data-dir', data]).ms;
  } finally {
    remove(data);
    remove(out);
  }
};
for (let i = 0; i < runs; i++) {
  separate.push(targets.reduce((sum, t) => sum + build([t]), 0));
  matrix.push(build(targets));
  console.log(`run ${i + 1}/${runs}: three separate ${separate.at(-1).toFixed(0)} ms, matrix ${matrix.at(-1).toFixed(0)} ms`);
}
report(`Targets ${targets.join(', ')}`, [['three separate cold builds (sum)', separate], ['one matrix build', matrix]], { label: 'matrix / separate', value: median(matrix) / median(separate), goal: '≤ 0.8×' });

// A cold aarch64 cross build (zig, manylinux2014) vs a cold host build of the same project.
//   npm run build && node test/bench/cross-vs-host.mjs [--runs 2]
import { cli, example, median, remove, report, runsFromArgs, temp, timed } from './bench-lib.mjs';

const runs = runsFromArgs(2);
const host = [];
const cross = [];
const build = (target) => {
  const data = temp('data');
  const out = temp('out');
  try {
    return timed(process.execPath, [cli, 'build', example, '--target', target, '--out', out, '--data-dir', data]).ms;
  } finally {
    remove(data);
    remove(out);
  }
};
for (let i = 0; i < runs; i++) {
  host.push(build('host'));
  cross.push(build('linux-aarch64'));
  console.log(`run ${i + 1}/${runs}: host ${host.at(-1).toFixed(0)} ms, linux-aarch64 ${cross.at(-1).toFixed(0)} ms`);
}
report('Cold builds of the bundled example', [['wheelbench build --target host', host], ['wheelbench build --target linux-aarch64', cross]], { label: 'aarch64 cross / host', value: median(cross) / median(host) });

// wheelbench build vs the raw maturin command it runs, same project and target, cold and warm,
// run alternately in one process so both sides see the same machine. Goal: ≤ 1.03×.
//   npm run build && node test/bench/build-vs-maturin.mjs [--runs 3]
import { cli, example, remove, report, runsFromArgs, temp, timed, median } from './bench-lib.mjs';

const runs = runsFromArgs(3);
const raw = { cold: [], warm: [] };
const wheelbench = { cold: [], warm: [] };

function rawBuild(targetDir, out) {
  return timed('maturin', ['build', '--release', '--out', out], { cwd: example, env: { ...process.env, CARGO_TARGET_DIR: targetDir } }).ms;
}

function wheelbenchBuild(dataDir, out) {
  return timed(process.execPath, [cli, 'build', example, '--out', out, '--data-dir', dataDir]).ms;
}

for (let i = 0; i < runs; i++) {
  const rawTarget = temp('raw-target');
  const rawOut = temp('raw-out');
  raw.cold.push(rawBuild(rawTarget, rawOut));
  raw.warm.push(rawBuild(rawTarget, rawOut));
  const data = temp('wb-data');
  const wbOut = temp('wb-out');
  wheelbench.cold.push(wheelbenchBuild(data, wbOut));
  wheelbench.warm.push(wheelbenchBuild(data, wbOut));
  for (const dir of [rawTarget, rawOut, data, wbOut]) remove(dir);
  console.log(`run ${i + 1}/${runs}: raw cold ${raw.cold.at(-1).toFixed(0)} ms, warm ${raw.warm.at(-1).toFixed(0)} ms; wheelbench cold ${wheelbench.cold.at(-1).toFixed(0)} ms, warm ${wheelbench.warm.at(-1).toFixed(0)} ms`);
}

report('Cold build (fresh target dir)', [['maturin build --release', raw.cold], ['wheelbench build', wheelbench.cold]], { label: 'wheelbench / maturin (cold)', value: median(wheelbench.cold) / median(raw.cold), goal: '≤ 1.03×' });
report('Warm build (nothing changed)', [['maturin build --release', raw.warm], ['wheelbench build', wheelbench.warm]], { label: 'wheelbench / maturin (warm)', value: median(wheelbench.warm) / median(raw.warm), goal: '≤ 1.03×' });

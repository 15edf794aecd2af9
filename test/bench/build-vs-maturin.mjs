// wheelbench build vs the raw maturin command it runs, same project and target, cold and warm,
// run alternately in one process so both sides see the same machine. Goal: ≤ 1.03×.
//   npm run build && node test/bench/build-vs-maturin.mjs [--runs 5]
// "maturin" is the command as a user types it (through PATH, so through pyenv's shim where pyenv
// manages Python); the executable behind the shim is timed too, to show where the difference comes from.
// From its second build on, Wheelbench passes back the manylinux tag maturin picked (with
// --compatibility, which spares maturin's `pip debug` probe): "the same maturin command" side does the
// same by hand, so Wheelbench's own overhead shows apart from what the remembered tag saves.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { cli, example, median, remove, report, runsFromArgs, temp, timed } from './bench-lib.mjs';

const runs = runsFromArgs(5);
const typed = 'maturin';
const behindShim = resolvedMaturin();
const sides = {
  typed: { cold: [], warm: [] },
  direct: { cold: [], warm: [] },
  wheelbench: { cold: [], warm: [] },
  same: { cold: [], warm: [] },
};

function resolvedMaturin() {
  try {
    return execFileSync('pyenv', ['which', 'maturin'], { cwd: example, encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
}

const rawBuild = (maturin) => (targetDir, out) =>
  timed(maturin, ['build', '--release', '--out', out], { cwd: example, env: { ...process.env, CARGO_TARGET_DIR: targetDir } }).ms;
// Wheelbench's own time is the wall time minus maturin's run (as its spawn funnel measured it): a
// steadier figure than the difference of two noisy builds, since cargo's share varies run to run.
const overhead = { cold: [], warm: [] };
let phaseOfNextBuild = 'cold';
const wheelbenchBuild = (dataDir, out) => {
  const { ms, stdout } = timed(process.execPath, [cli, 'build', example, '--out', out, '--data-dir', dataDir, '--json']);
  const result = stdout.trim().split('\n').map((l) => JSON.parse(l)).find((e) => e.type === 'result');
  overhead[phaseOfNextBuild].push(ms - (result?.targets?.[0]?.durationMs ?? Number.NaN));
  phaseOfNextBuild = phaseOfNextBuild === 'cold' ? 'warm' : 'cold';
  return ms;
};

// The command Wheelbench runs: maturin as typed, plus --compatibility <the policy of the last wheel> on warm builds.
const sameCommandBuild = (targetDir, out) => {
  const policy = readdirSync(out).map((f) => /-((?:many|musl)linux_\d+_\d+)_[^-]+\.whl$/.exec(f)?.[1]).find(Boolean);
  const args = ['build', '--release', '--out', out, ...(policy ? ['--compatibility', policy] : [])];
  return timed(typed, args, { cwd: example, env: { ...process.env, CARGO_TARGET_DIR: targetDir } }).ms;
};

const builders = { typed: rawBuild(typed), wheelbench: wheelbenchBuild, same: sameCommandBuild, ...(behindShim ? { direct: rawBuild(behindShim) } : {}) };

for (let i = 0; i < runs; i++) {
  // Rotate who goes first so no side always follows the same neighbour.
  const order = Object.keys(builders);
  for (let k = 0; k < i % order.length; k++) order.push(order.shift());
  for (const side of order) {
    const state = temp(`${side}-state`);
    const out = temp(`${side}-out`);
    sides[side].cold.push(builders[side](state, out));
    sides[side].warm.push(builders[side](state, out));
    remove(state);
    remove(out);
  }
  const line = Object.keys(builders).map((s) => `${s} cold ${sides[s].cold.at(-1).toFixed(0)} / warm ${sides[s].warm.at(-1).toFixed(0)} ms`);
  console.log(`run ${i + 1}/${runs}: ${line.join('; ')}`);
}

for (const phase of ['cold', 'warm']) {
  const rows = [[`maturin build --release (as typed)`, sides.typed[phase]], ['wheelbench build', sides.wheelbench[phase]], ['the same maturin command by hand', sides.same[phase]]];
  if (behindShim) rows.splice(1, 0, [`${behindShim} (behind the shim)`, sides.direct[phase]]);
  const title = phase === 'cold' ? 'Cold build (fresh target dir)' : 'Warm build (nothing changed)';
  report(title, rows, { label: `wheelbench / maturin (${phase})`, value: median(sides.wheelbench[phase]) / median(sides.typed[phase]), goal: '≤ 1.03×' });
  if (behindShim) console.log(`  ratio wheelbench / maturin behind the shim (${phase}): ${(median(sides.wheelbench[phase]) / median(sides.direct[phase])).toFixed(3)}×`);
  console.log(`  ratio wheelbench / the same maturin command (${phase}): ${(median(sides.wheelbench[phase]) / median(sides.same[phase])).toFixed(3)}×   (Wheelbench's overhead alone)`);
  const own = median(overhead[phase]);
  console.log(`  wheelbench's own time around maturin: median ${own.toFixed(0)} ms (runs: ${overhead[phase].map((v) => v.toFixed(0)).join(', ')})`);
  console.log(`  estimate (typed maturin + that time) / typed maturin: ${((median(sides.typed[phase]) + own) / median(sides.typed[phase])).toFixed(3)}×`);
}

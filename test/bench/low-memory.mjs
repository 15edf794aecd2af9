// The low-memory profile vs release on a dependency-heavy crate (fat LTO, one codegen unit): peak RSS
// of the whole build tree and time; then both under a memory limit tight enough to kill the release
// build. Goals: low-memory peak ≤ 50 % of release at ≤ 1.6× the time, and it survives the limit.
//   npm run build && node test/bench/low-memory.mjs [--runs 1] [--limit 350M] [--project DIR | --sdist NAME==VERSION] [--as-cores 4] [--limit-only]
// --sdist builds a project's source distribution from PyPI, e.g. hf-xet==1.8.0 (419 packages, fat LTO, one
// codegen unit: run with --limit 850M).
// --limit-only runs just the two builds under the memory limit (to find a limit for another project).
// --project builds another project instead of the fixture, e.g. a real crate's sdist from PyPI, unpacked
// (css_inline-0.24.0.tar.gz from https://pypi.org/project/css-inline/0.24.0/#files: 268 packages, fat LTO).
// Release runs as many rustc at once as the machine has cores; the first low-memory build at most half as
// many, and measures each compile; a later one runs a job per core with each compile waiting at the gate
// until it fits beside the others under the biggest (it is measured on a cold cargo target too). On a
// machine with fewer than four cores both are also run as a four-core machine would run them (release
// --jobs 4, low-memory --jobs 2): memory follows the job count, not the cores.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { argValue, cli, median, remove, repoRoot, report, runsFromArgs, temp } from './bench-lib.mjs';

const sdist = argValue('--sdist', null);
const project = sdist ? unpackedSdist(sdist) : resolve(argValue('--project', join(repoRoot, 'test', 'fixtures', 'bench', 'heavy-pyo3')));

// A project's source distribution from PyPI (`hf-xet==1.8.0`), unpacked into a temporary directory.
function unpackedSdist(requirement) {
  const dir = temp('sdist');
  execFileSync('python3', ['-m', 'pip', 'download', '--quiet', '--no-binary', ':all:', '--no-deps', '--no-build-isolation', '--dest', dir, requirement], { stdio: 'inherit' });
  const archive = readdirSync(dir).find((f) => f.endsWith('.tar.gz'));
  if (!archive) throw new Error(`pip downloaded no .tar.gz sdist for ${requirement}`);
  execFileSync('tar', ['-xzf', join(dir, archive), '-C', dir]);
  return join(dir, archive.slice(0, -'.tar.gz'.length));
}
const runs = runsFromArgs(1);
const limitText = argValue('--limit', '350M');
const cores = availableParallelism();
const asCores = Number(argValue('--as-cores', cores < 4 ? '4' : '0'));
const asCoresLowJobs = Math.max(1, Math.floor(asCores / 2));

// `learnedFrom` runs a build with the data dir of an earlier one — its history and each compile's measured
// memory — but a cold cargo target dir, as after `cargo clean` or on a fresh CI runner with a kept cache.
function build(profile, { wrap = (file, args) => [file, args], jobs, keepData = false, learnedFrom } = {}) {
  const data = learnedFrom ?? temp('data');
  if (learnedFrom) remove(join(learnedFrom, 'cargo-target'));
  const out = temp('out');
  try {
    const [file, args] = wrap(process.execPath, [cli, 'build', project, '--profile', profile, '--out', out, '--data-dir', data, '--json', ...(jobs ? ['--jobs', String(jobs)] : [])]);
    const started = process.hrtime.bigint();
    let stdout = '';
    let ok = true;
    try {
      stdout = execFileSync(file, args, { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (e) {
      stdout = e.stdout ?? '';
      ok = false;
    }
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const result = stdout.trim().split('\n').map((l) => JSON.parse(l)).find((e) => e.type === 'result');
    const target = result?.targets?.[0];
    return { ms, ok: ok && target?.status === 'ok', peak: target?.peakRssBytes ?? 0, reason: target?.reason ?? null, data: keepData ? data : null };
  } finally {
    if (!keepData) remove(data);
    remove(out);
  }
}

const mib = (b) => `${Math.round(b / 1024 ** 2)} MiB`;
const line = (build) => `${build.ms.toFixed(0)} ms peak ${mib(build.peak)}${build.ok ? '' : ' FAILED'}`;
const limitOnly = process.argv.includes('--limit-only');
const release = [];
const lowMemory = [];
const lowMemoryLearned = [];
const releaseAsCores = [];
const lowMemoryAsCores = [];
for (let i = 0; i < (limitOnly ? 0 : runs); i++) {
  release.push(build('release'));
  const first = build('low-memory', { keepData: true });
  lowMemory.push(first);
  lowMemoryLearned.push(build('low-memory', { learnedFrom: first.data }));
  remove(first.data);
  if (asCores) {
    releaseAsCores.push(build('release', { jobs: asCores }));
    lowMemoryAsCores.push(build('low-memory', { jobs: asCoresLowJobs }));
  }
  const more = asCores ? `; as on ${asCores} cores: release --jobs ${asCores} ${line(releaseAsCores.at(-1))}, low-memory --jobs ${asCoresLowJobs} ${line(lowMemoryAsCores.at(-1))}` : '';
  console.log(`run ${i + 1}/${runs}: release ${line(release.at(-1))}; low-memory ${line(lowMemory.at(-1))}; low-memory measured before ${line(lowMemoryLearned.at(-1))}${more}`);
}
if (!limitOnly) reportUnlimited();

function reportUnlimited() {
  console.log(`\n${project} on ${cores} cores`);
  comparison(`release (${cores} jobs) vs the first low-memory build (nothing measured yet: one job per two cores)`, release, lowMemory);
  comparison(`release (${cores} jobs) vs a later low-memory build (each compile measured by the first: compiles side by side while they fit)`, release, lowMemoryLearned);
  // The jobs still share this machine's cores, so only the memory of this pair says what a four-core machine would see.
  if (asCores) comparison(`as on a ${asCores}-core machine: release --jobs ${asCores} vs low-memory --jobs ${asCoresLowJobs} (memory; the times are on ${cores} cores)`, releaseAsCores, lowMemoryAsCores, null);
}

function comparison(title, releaseBuilds, lowMemoryBuilds, timeGoal = '≤ 1.6×') {
  const times = (builds) => builds.map((r) => r.ms);
  const peak = (builds) => median(builds.map((r) => r.peak));
  report(title, [['release', times(releaseBuilds)], ['low-memory', times(lowMemoryBuilds)]], { label: 'low-memory / release time', value: median(times(lowMemoryBuilds)) / median(times(releaseBuilds)), goal: timeGoal });
  console.log(`  peak RSS: release ${mib(peak(releaseBuilds))}, low-memory ${mib(peak(lowMemoryBuilds))}; ratio ${((peak(lowMemoryBuilds) / peak(releaseBuilds)) * 100).toFixed(0)} %   (goal ≤ 50 %)`);
}

// A memory limit both builds run under: a cgroup made for this run (root, cgroup v1 or v2).
function cgroupWrapper(limitBytes) {
  const v2 = '/sys/fs/cgroup/cgroup.controllers';
  const v1 = '/sys/fs/cgroup/memory';
  const name = `wheelbench-bench-${process.pid}`;
  let dir;
  try {
    if (existsSync(v2) && readFileSync(v2, 'utf8').includes('memory')) {
      dir = join('/sys/fs/cgroup', name);
      mkdirSync(dir);
      writeFileSync(join(dir, 'memory.max'), String(limitBytes));
      writeFileSync(join(dir, 'memory.swap.max'), '0');
    } else if (existsSync(v1)) {
      dir = join(v1, name);
      mkdirSync(dir);
      writeFileSync(join(dir, 'memory.limit_in_bytes'), String(limitBytes));
    } else {
      return { error: 'this machine has no cgroup memory controller' };
    }
  } catch (e) {
    return { error: `cannot create a memory cgroup (${e.code ?? e.message}); run as root on a machine that delegates the memory controller` };
  }
  return {
    dir,
    wrap: (file, args) => ['sh', ['-c', `echo $$ > ${join(dir, 'cgroup.procs')} && exec "$0" "$@"`, file, ...args]],
    remove: () => {
      try {
        rmdirSync(dir);
      } catch {
        // still draining; the kernel removes it with its last process
      }
    },
  };
}

const limitBytes = Number(execFileSync(process.execPath, ['-e', `const m=/^(\\d+(?:\\.\\d+)?)([KMG]?)/i.exec(${JSON.stringify(limitText)});console.log(Math.floor(Number(m[1])*({'':1,K:1024,M:1024**2,G:1024**3}[m[2].toUpperCase()])))`], { encoding: 'utf8' }));
const cgroup = cgroupWrapper(limitBytes);
if ('error' in cgroup) {
  console.log(`\nUnder a ${limitText} memory limit: not shown — ${cgroup.error}.`);
} else {
  const limitedRelease = build('release', { wrap: cgroup.wrap });
  const limitedLow = build('low-memory', { wrap: cgroup.wrap });
  cgroup.remove();
  console.log(`\nUnder a ${limitText} memory limit (cgroup ${cgroup.dir}):`);
  console.log(`  release:    ${limitedRelease.ok ? 'succeeded' : 'FAILED'} in ${(limitedRelease.ms / 1000).toFixed(1)} s${limitedRelease.reason ? ` — ${limitedRelease.reason}` : ''}`);
  console.log(`  low-memory: ${limitedLow.ok ? 'succeeded' : 'FAILED'} in ${(limitedLow.ms / 1000).toFixed(1)} s${limitedLow.reason ? ` — ${limitedLow.reason}` : ''}`);
}
if (sdist) remove(dirname(project));

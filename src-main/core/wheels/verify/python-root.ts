import { existsSync } from 'node:fs';
import { mkdir, open, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Fix } from '../../../common/domain';
import { runCaptured } from '../../process/spawn';
import { findExecutable } from '../../process/which';
import { elfArch } from '../binary/elf';
import type { ForeignArch } from './run-plan';
import type { StepIo } from './step-io';

// A target-architecture Python for qemu-user: a folder with usr/bin/python3.X and the libraries it
// loads. Wheelbench prepares one from Debian's packages (apt-get download + dpkg-deb -x, no root
// needed) when apt can provide them, or uses the folder the user points at.

export type RootOutcome = { readonly ok: true; readonly root: string } | { readonly ok: false; readonly reason: string; readonly fix?: Fix };

const MARKER = '.wheelbench-root.json';

export function preparedRootDir(dataDir: string, foreign: ForeignArch): string {
  return join(dataDir, 'python-roots', foreign.debian);
}

/** Interpreters in a root, newest first: usr/bin/python3.X and friends, of the right architecture. */
export async function pythonsInRoot(root: string, arch: string): Promise<string[]> {
  const found: { path: string; minor: number }[] = [];
  for (const dir of ['usr/bin', 'usr/local/bin', 'bin']) {
    let names: string[];
    try {
      names = await readdir(join(root, dir));
    } catch {
      continue;
    }
    for (const name of names) {
      const minor = /^python3\.(\d+)$/.exec(name)?.[1];
      const path = join(root, dir, name);
      if (minor !== undefined && (await elfArchOf(path)) === arch) found.push({ path, minor: Number(minor) });
    }
  }
  return found.sort((a, b) => b.minor - a.minor).map((f) => f.path);
}

async function elfArchOf(path: string): Promise<string | null> {
  try {
    const file = await open(path, 'r');
    const head = Buffer.alloc(20);
    try {
      await file.read(head, 0, 20, 0);
    } finally {
      await file.close();
    }
    if (head.readUInt32BE(0) !== 0x7f454c46) return null;
    const littleEndian = head[5] === 1;
    return elfArch(littleEndian ? head.readUInt16LE(18) : head.readUInt16BE(18), head[4] === 2, littleEndian);
  } catch {
    return null;
  }
}

/** The prepared root for an architecture, making it from Debian packages the first time. */
export async function ensureDebianRoot(io: StepIo, foreign: ForeignArch): Promise<RootOutcome> {
  const root = preparedRootDir(io.ctx.dataDir, foreign);
  if (existsSync(join(root, MARKER))) return { ok: true, root };
  const pointAtRoot: Fix = {
    summary: `Or point Wheelbench at a folder holding an ${foreign.arch} Python (usr/bin/python3.X and its libraries).`,
    command: 'wheelbench verify WHEEL --python-root DIR',
  };
  const tools = ['apt-get', 'apt-cache', 'dpkg', 'dpkg-deb'];
  const missing = tools.filter((tool) => findExecutable(tool, io.ctx.env) === null);
  if (missing.length > 0) {
    return { ok: false, reason: `An ${foreign.arch} Python is needed to run this wheel under qemu, and Wheelbench prepares one with apt, which this system does not have (${missing.join(', ')} missing).`, fix: pointAtRoot };
  }
  const archs = await captured(io, 'dpkg', ['--print-foreign-architectures']);
  const native = await captured(io, 'dpkg', ['--print-architecture']);
  if (![...archs.split(/\s+/), native.trim()].includes(foreign.debian)) {
    return {
      ok: false,
      reason: `An ${foreign.arch} Python is needed to run this wheel under qemu; apt can provide one once the ${foreign.debian} architecture is enabled.`,
      fix: { summary: `Enable ${foreign.debian} packages (once, as root), then verify again.`, command: `sudo dpkg --add-architecture ${foreign.debian} && sudo apt-get update` },
    };
  }
  const python = /python3\.(\d+)-minimal/.exec(await captured(io, 'apt-cache', ['depends', `python3-minimal:${foreign.debian}`]))?.[0];
  if (!python) {
    return {
      ok: false,
      reason: `apt knows no python3-minimal:${foreign.debian} package: the package lists for ${foreign.debian} are missing.`,
      fix: { summary: 'Refresh the package lists (as root), then verify again.', command: 'sudo apt-get update' },
    };
  }
  const version = python.replace(/-minimal$/, '');
  const packages = await dependencyClosure(io, [`${python}:${foreign.debian}`, `lib${version}-stdlib:${foreign.debian}`, `libgcc-s1:${foreign.debian}`], foreign.debian);
  io.say(`Preparing an ${foreign.arch} Python (${version}) for qemu from ${packages.length} Debian packages in ${root}…`);

  const debs = `${root}.debs`;
  const partial = `${root}.partial`;
  await rm(partial, { recursive: true, force: true });
  await mkdir(debs, { recursive: true });
  await mkdir(partial, { recursive: true });
  const download = await io.run('apt-get', ['download', ...packages], { cwd: debs });
  if (download.cancelled) return { ok: false, reason: 'Cancelled while downloading the Python packages.' };
  if (download.exitCode !== 0) {
    return { ok: false, reason: `apt-get download failed (exit ${download.exitCode ?? download.startError}): ${download.output.trim().split('\n').slice(-3).join(' / ')}`, fix: pointAtRoot };
  }
  for (const deb of (await readdir(debs)).filter((f) => f.endsWith('.deb'))) {
    const unpacked = await runCaptured({ file: 'dpkg-deb', args: ['-x', join(debs, deb), partial], baseEnv: io.ctx.env }, { timeoutMs: 120_000 });
    if (unpacked.exitCode !== 0) return { ok: false, reason: `dpkg-deb could not unpack ${deb}: ${unpacked.stderr.trim()}`, fix: pointAtRoot };
  }
  await writeFile(join(partial, MARKER), `${JSON.stringify({ python: version, arch: foreign.debian, packages }, null, 2)}\n`);
  await rm(root, { recursive: true, force: true });
  await rename(partial, root);
  await rm(debs, { recursive: true, force: true });
  return { ok: true, root };
}

async function captured(io: StepIo, file: string, args: readonly string[]): Promise<string> {
  const run = await runCaptured({ file, args, baseEnv: io.ctx.env }, { timeoutMs: 60_000 });
  return run.exitCode === 0 ? run.stdout : '';
}

/** The packages (of this architecture) the roots depend on, transitively: libraries, not tools. */
async function dependencyClosure(io: StepIo, roots: readonly string[], debianArch: string): Promise<string[]> {
  const seen = new Set<string>();
  let frontier = [...roots];
  const dependency = new RegExp(`^\\s+\\|?(?:Pre)?Depends: ([^<>\\s]+:${debianArch})$`);
  while (frontier.length > 0) {
    frontier.forEach((p) => seen.add(p));
    const out = await captured(io, 'apt-cache', ['depends', '--no-recommends', '--no-suggests', '--no-conflicts', '--no-breaks', '--no-replaces', '--no-enhances', ...frontier]);
    frontier = [...new Set(out.split('\n').map((line) => dependency.exec(line)?.[1]).filter((p): p is string => p !== undefined && !seen.has(p)))];
  }
  return [...seen].sort();
}

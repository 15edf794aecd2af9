import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from '../fs/atomic-write';

// What the doctor learnt by running tools, kept between runs (and between CLI invocations, on disk) so a
// warm doctor runs almost nothing. An entry is found only under the same key, and the key holds all its
// answer depends on: the tool's file (path, size, mtime, inode), its arguments, the files it reads (a
// Python's site-packages) and the environment fingerprint of the run (PATH and the variables and config
// files that choose toolchains and interpreters). Change any of them and the tool runs again.

/** Environment variables that change which tool runs or what it answers. */
const RELEVANT_ENV = [
  'PATH',
  'HOME',
  'RUSTUP_HOME',
  'CARGO_HOME',
  'RUSTUP_TOOLCHAIN',
  'RUSTC',
  'CARGO',
  'RUSTC_WRAPPER',
  'CARGO_BUILD_RUSTC_WRAPPER',
  'PYENV_ROOT',
  'PYENV_VERSION',
  'VIRTUAL_ENV',
  'CONDA_PREFIX',
  'PYTHONHOME',
  'PYTHONPATH',
  'PROTOC',
  'DOCKER_HOST',
] as const;

export interface CachedAnswer {
  readonly ok: boolean;
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number | null;
  readonly signal: string | null;
}

interface Entry {
  readonly answer: CachedAnswer;
  /** When the entry was last used (ms since epoch): old entries are dropped on save. */
  usedAt: number;
}

interface TimedEntry<T> {
  readonly value: T;
  readonly storedAt: number;
}

interface CacheFile {
  readonly version: 1;
  readonly probes: Record<string, Entry>;
  readonly timed: Record<string, TimedEntry<unknown>>;
}

const MAX_ENTRIES = 600;
const MAX_AGE_MS = 30 * 24 * 3600 * 1000;

/** A file's identity for a cache key; `-` when it does not exist. */
export function fileStamp(path: string): string {
  try {
    const st = statSync(path);
    return `${path}@${st.size}:${Math.round(st.mtimeMs)}:${st.ino}`;
  } catch {
    return `${path}@-`;
  }
}

/** The fingerprint of one doctor run: the environment and the config files that pick toolchains. */
export function environmentFingerprint(env: NodeJS.ProcessEnv, cwd: string = process.cwd()): string {
  const home = env.HOME || homedir();
  const rustupHome = env.RUSTUP_HOME || join(home, '.rustup');
  const pyenvRoot = env.PYENV_ROOT || join(home, '.pyenv');
  const parts = [
    `cwd=${cwd}`,
    ...RELEVANT_ENV.map((name) => `${name}=${env[name] ?? ''}`),
    fileStamp(join(rustupHome, 'settings.toml')),
    fileStamp(join(rustupHome, 'toolchains')),
    ...dirStamps(join(rustupHome, 'update-hashes')),
    fileStamp(join(pyenvRoot, 'version')),
    fileStamp(join(pyenvRoot, 'versions')),
    ...toolchainFilesUp(cwd),
  ];
  return createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 24);
}

/** A stamp per file in a dir: `rustup update` rewrites its toolchain's hash file. */
function dirStamps(dir: string): readonly string[] {
  try {
    return readdirSync(dir).sort().map((name) => fileStamp(join(dir, name)));
  } catch {
    return [];
  }
}

/** rust-toolchain(.toml) and .python-version files from cwd up: they override the default toolchain. */
function toolchainFilesUp(cwd: string): readonly string[] {
  const stamps: string[] = [];
  for (let dir = cwd, depth = 0; depth < 32; depth++) {
    for (const name of ['rust-toolchain', 'rust-toolchain.toml', '.python-version']) {
      const stamp = fileStamp(join(dir, name));
      if (!stamp.endsWith('@-')) stamps.push(stamp);
    }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return stamps;
}

export class ProbeCache {
  private probes = new Map<string, Entry>();
  private timed = new Map<string, TimedEntry<unknown>>();
  private loaded = false;
  private dirty = false;
  private fingerprint = '';

  /** `file` null keeps the cache in memory only. */
  constructor(private readonly file: string | null) {}

  /** Starts a doctor run: loads the file once and fixes the environment fingerprint for the run's keys. */
  beginRun(env: NodeJS.ProcessEnv): void {
    this.load();
    this.fingerprint = environmentFingerprint(env);
  }

  /** The key of one tool query in the current run. */
  keyFor(file: string, args: readonly string[], dependsOn: readonly string[]): string {
    const parts = [this.fingerprint, fileStamp(file), ...args, '--', ...dependsOn.map(fileStamp)];
    return createHash('sha256').update(parts.join('\0')).digest('hex');
  }

  get(key: string): CachedAnswer | undefined {
    const entry = this.probes.get(key);
    if (entry) entry.usedAt = Date.now();
    return entry?.answer;
  }

  set(key: string, answer: CachedAnswer): void {
    this.probes.set(key, { answer, usedAt: Date.now() });
    this.dirty = true;
  }

  /** A value that expires (network reachability): undefined when absent or older than maxAgeMs. */
  getTimed<T>(key: string, maxAgeMs: number): T | undefined {
    const entry = this.timed.get(key);
    if (!entry || Date.now() - entry.storedAt > maxAgeMs || Date.now() < entry.storedAt) return undefined;
    return entry.value as T;
  }

  setTimed<T>(key: string, value: T): void {
    this.timed.set(key, { value, storedAt: Date.now() });
    this.dirty = true;
  }

  /** Writes the cache when anything changed. Never throws: a cache that cannot be saved is only slower. */
  async save(): Promise<void> {
    if (!this.dirty || this.file === null) return;
    this.dirty = false;
    const now = Date.now();
    const probes = [...this.probes.entries()]
      .filter(([, entry]) => now - entry.usedAt < MAX_AGE_MS)
      .sort((a, b) => b[1].usedAt - a[1].usedAt)
      .slice(0, MAX_ENTRIES);
    this.probes = new Map(probes);
    const data: CacheFile = { version: 1, probes: Object.fromEntries(probes), timed: Object.fromEntries(this.timed) };
    try {
      mkdirSync(dirname(this.file), { recursive: true });
      await writeFileAtomic(this.file, JSON.stringify(data));
    } catch {
      // Read-only data dir: the next run is cold again, nothing worse.
    }
  }

  private load(): void {
    if (this.loaded || this.file === null) return;
    this.loaded = true;
    try {
      const data = JSON.parse(readFileSync(this.file, 'utf8')) as Partial<CacheFile>;
      if (data.version !== 1) return;
      this.probes = new Map(Object.entries(data.probes ?? {}));
      this.timed = new Map(Object.entries(data.timed ?? {}));
    } catch {
      // Missing or damaged: start empty.
    }
  }
}

export function doctorCacheFile(dataDir: string): string {
  return join(dataDir, 'cache', 'doctor-probes.json');
}

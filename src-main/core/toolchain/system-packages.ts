import { existsSync } from 'node:fs';
import { findExecutable } from '../process/which';
import { runnableFix, type RunnableFix } from './fix-actions';
import { shellQuote } from './shell-quote';

// System packages are installed by the system's package manager, with sudo, and only after the user has
// seen the exact command and agreed. Package names differ per manager; a need a manager cannot meet has
// no command there.

export type PackageManager = 'apt' | 'dnf' | 'brew';

export type SystemNeed = 'protoc' | 'python' | 'cc' | 'qemu-user' | 'lld' | 'mingw-w64' | 'gcc-aarch64' | 'gcc-armhf' | 'gcc-x86_64';

const PACKAGES: Readonly<Record<SystemNeed, Partial<Record<PackageManager, readonly string[]>>>> = {
  protoc: { apt: ['protobuf-compiler'], dnf: ['protobuf-compiler'], brew: ['protobuf'] },
  python: { apt: ['python3', 'python3-venv'], dnf: ['python3'], brew: ['python'] },
  cc: { apt: ['build-essential'], dnf: ['gcc'] },
  'qemu-user': { apt: ['qemu-user'], dnf: ['qemu-user'] },
  lld: { apt: ['lld'], dnf: ['lld'], brew: ['lld'] },
  'mingw-w64': { apt: ['gcc-mingw-w64-x86-64'], dnf: ['mingw64-gcc'], brew: ['mingw-w64'] },
  'gcc-aarch64': { apt: ['gcc-aarch64-linux-gnu'], dnf: ['gcc-aarch64-linux-gnu'] },
  'gcc-armhf': { apt: ['gcc-arm-linux-gnueabihf'], dnf: ['gcc-arm-linux-gnu'] },
  'gcc-x86_64': { apt: ['gcc-x86-64-linux-gnu'], dnf: ['gcc-x86_64-linux-gnu'] },
};

/** The package manager on this machine, from the executables on PATH. */
export function detectPackageManager(env: NodeJS.ProcessEnv): PackageManager | null {
  if (process.platform === 'darwin') return findExecutable('brew', env) ? 'brew' : null;
  if (process.platform !== 'linux') return null;
  if (findExecutable('apt-get', env) && existsSync('/var/lib/dpkg')) return 'apt';
  if (findExecutable('dnf', env)) return 'dnf';
  return null;
}

export function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/** The command lines that install packages: `apt-get install -y …` and friends. */
export function installSteps(manager: PackageManager, packages: readonly string[]): readonly (readonly string[])[] {
  switch (manager) {
    case 'apt':
      return [['apt-get', 'install', '-y', '--no-install-recommends', ...packages]];
    case 'dnf':
      return [['dnf', 'install', '-y', ...packages]];
    case 'brew':
      return [['brew', 'install', ...packages]];
  }
}

/** How the steps read in a terminal, with sudo where Wheelbench would use it. */
export function displaySteps(steps: readonly (readonly string[])[], asRoot: boolean): string {
  const sudo = asRoot && !isRoot() ? 'sudo ' : '';
  return steps.map((step) => `${sudo}${step.map(shellQuote).join(' ')}`).join(' && ');
}

/** A runnable system-package fix for a need, or null when this machine's manager has no package for it. */
export function systemPackageFix(
  checkId: string,
  need: SystemNeed,
  summary: string,
  env: NodeJS.ProcessEnv,
): RunnableFix | null {
  const manager = detectPackageManager(env);
  const packages = manager ? PACKAGES[need][manager] : undefined;
  if (!manager || !packages) return null;
  return systemCommandFix(checkId, summary, installSteps(manager, packages), manager);
}

export function systemCommandFix(
  checkId: string,
  summary: string,
  steps: readonly (readonly string[])[],
  manager: PackageManager,
): RunnableFix {
  const asRoot = manager !== 'brew';
  return runnableFix(checkId, summary, displaySteps(steps, asRoot), { kind: 'system-command', steps, asRoot });
}

/**
 * Debian's own Rust with std for a foreign architecture: the arch is added to dpkg, the lists refreshed,
 * and rustc-web with libstd-rust-web-dev:<arch> installed.
 */
export function debianRustStdSteps(debianArches: readonly string[]): readonly (readonly string[])[] {
  return [
    ...debianArches.map((arch) => ['dpkg', '--add-architecture', arch]),
    ['apt-get', 'update'],
    ['apt-get', 'install', '-y', '--no-install-recommends', 'rustc-web', 'cargo-web', ...debianArches.map((arch) => `libstd-rust-web-dev:${arch}`)],
  ];
}

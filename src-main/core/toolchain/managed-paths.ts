import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const onWindows = process.platform === 'win32';

export function managedVenvDir(dataDir: string): string {
  return join(dataDir, 'tools', 'venv');
}

export function managedBinDir(dataDir: string): string {
  return join(managedVenvDir(dataDir), onWindows ? 'Scripts' : 'bin');
}

export function managedExecutable(dataDir: string, name: string): string {
  return join(managedBinDir(dataDir), onWindows ? `${name}.exe` : name);
}

export function managedPython(dataDir: string): string {
  return managedExecutable(dataDir, 'python');
}

/** Where zig keeps its global cache during builds: always writable, never a root-owned default. */
export function zigCacheDir(dataDir: string): string {
  return join(dataDir, 'cache', 'zig');
}

/** Whether the managed venv's site-packages holds an import package of this name (a file check, no Python run). */
export function managedHasPackage(dataDir: string, importName: string): boolean {
  return sitePackagesDirs(managedVenvDir(dataDir)).some((dir) => existsSync(join(dir, importName)));
}

function sitePackagesDirs(venv: string): readonly string[] {
  if (onWindows) return [join(venv, 'Lib', 'site-packages')];
  const lib = join(venv, 'lib');
  try {
    return readdirSync(lib)
      .filter((name) => name.startsWith('python'))
      .map((name) => join(lib, name, 'site-packages'));
  } catch {
    return [];
  }
}

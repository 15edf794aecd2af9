import { readdir, stat } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';

export async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

export async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/** Whether something (file or directory) exists at the path. */
export async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/** The directory and each of its parents, nearest first. */
export function ancestors(dir: string): string[] {
  const out = [dir];
  for (let d = dirname(dir); d !== out[out.length - 1]; d = dirname(d)) out.push(d);
  return out;
}

export const isInside = (child: string, parent: string) => {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep) && rel !== '..');
};

const SKIPPED_DIRS = new Set(['.git', 'target', 'node_modules', '.venv', 'venv', '__pycache__', '.tox', '.mypy_cache', 'dist', 'build']);

/** Files under a directory (skipping build output and VCS folders), bounded so a huge tree cannot stall a read. */
export async function walkFiles(root: string, accept: (path: string) => boolean, limits = { maxDepth: 6, maxFiles: 4000 }): Promise<string[]> {
  const found: string[] = [];
  let seen = 0;
  async function visit(dir: string, depth: number): Promise<void> {
    if (depth > limits.maxDepth || seen > limits.maxFiles) return;
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (++seen > limits.maxFiles) return;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) await visit(path, depth + 1);
      } else if (entry.isFile() && accept(path)) {
        found.push(path);
      }
    }
  }
  await visit(root, 0);
  return found;
}

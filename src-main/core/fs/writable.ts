import { mkdtempSync, rmdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';

export type Writability =
  | { readonly writable: true; readonly exists: boolean }
  | { readonly writable: false; readonly reason: string };

/**
 * Whether files can be created in `dir` (or, when it does not exist yet, whether it can be created). Tried
 * for real, with a directory made and removed at once: permission bits do not tell for root, read-only
 * mounts or immutable files.
 */
export function checkWritableDir(dir: string): Writability {
  const kind = kindOf(dir);
  if (kind === 'other') return { writable: false, reason: `${dir} exists but is not a directory` };
  if (kind === 'dir') {
    const error = tryCreateIn(dir);
    return error === null ? { writable: true, exists: true } : { writable: false, reason: `${dir} is not writable (${error})` };
  }
  let parent = dirname(dir);
  while (kindOf(parent) === 'missing' && dirname(parent) !== parent) parent = dirname(parent);
  if (kindOf(parent) !== 'dir') return { writable: false, reason: `${dir} cannot be created: ${parent} is not a directory` };
  const error = tryCreateIn(parent);
  return error === null ? { writable: true, exists: false } : { writable: false, reason: `${dir} cannot be created: ${parent} is not writable (${error})` };
}

function kindOf(path: string): 'dir' | 'other' | 'missing' {
  try {
    return statSync(path).isDirectory() ? 'dir' : 'other';
  } catch {
    return 'missing';
  }
}

function tryCreateIn(dir: string): string | null {
  try {
    rmdirSync(mkdtempSync(join(dir, '.wheelbench-write-test-')));
    return null;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code ?? String(error);
  }
}

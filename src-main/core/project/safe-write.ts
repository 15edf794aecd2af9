import { mkdir, readFile, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { WheelbenchError } from '../../common/errors';
import { writeFileAtomic } from '../fs/atomic-write';

/**
 * Replaces a user's file with new text, atomically, after checking it still holds what the edit was
 * computed from. The first time Wheelbench changes a file it keeps the original bytes in `<file>.bak`.
 * Returns the backup it made, if it made one. `before === null` creates a file that must not exist.
 */
export async function replaceFile(path: string, before: string | null, after: string): Promise<string | null> {
  if (before === null) {
    await mkdir(dirname(path), { recursive: true });
    try {
      await writeFileAtomic(path, after, { exclusive: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw changedMeanwhile(path);
      throw e;
    }
    return null;
  }
  const current = await readFile(path).catch(() => null);
  if (current === null || !current.equals(Buffer.from(before, 'utf8'))) throw changedMeanwhile(path);
  const { mode } = await stat(path);
  const backup = `${path}.bak`;
  let madeBackup = false;
  try {
    await writeFileAtomic(backup, current, { mode: mode & 0o7777, exclusive: true });
    madeBackup = true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  await writeFileAtomic(path, after, { mode: mode & 0o7777 });
  return madeBackup ? backup : null;
}

function changedMeanwhile(path: string): WheelbenchError {
  return new WheelbenchError({ code: 'busy', message: `${path} changed while the fix was being made: nothing was written. Open the project again and retry.`, file: path });
}

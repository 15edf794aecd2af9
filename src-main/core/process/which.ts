import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';

/** Finds an executable the way a shell would, on the given environment's PATH; null when absent. */
export function findExecutable(name: string, env: NodeJS.ProcessEnv = process.env): string | null {
  const candidates = process.platform === 'win32' ? [name, `${name}.exe`, `${name}.cmd`] : [name];
  const dirs = isAbsolute(name) ? [''] : (env.PATH ?? '').split(delimiter).filter(Boolean);
  for (const dir of dirs) {
    for (const candidate of candidates) {
      const full = dir ? join(dir, candidate) : candidate;
      try {
        if (!statSync(full).isFile()) continue;
        accessSync(full, constants.X_OK);
        return full;
      } catch {
        // not here
      }
    }
  }
  return null;
}

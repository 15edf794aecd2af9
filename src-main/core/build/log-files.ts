import { open, realpath } from 'node:fs/promises';
import { sep } from 'node:path';
import { WheelbenchError } from '../../common/errors';

const MAX_LOG_CHARS = 2 * 1024 * 1024;

/** Reads a build log, refusing anything outside the logs dir (the web mode must not read arbitrary files). */
export async function readLogInside(logsDir: string, logFile: string): Promise<string> {
  let real: string;
  let root: string;
  try {
    [real, root] = await Promise.all([realpath(logFile), realpath(logsDir)]);
  } catch {
    throw new WheelbenchError({ code: 'not-found', message: `No build log at ${logFile}.` });
  }
  if (!real.startsWith(root + sep)) {
    throw new WheelbenchError({ code: 'invalid-arguments', message: `${logFile} is not a Wheelbench build log.` });
  }
  const handle = await open(real, 'r');
  try {
    const { size } = await handle.stat();
    const start = Math.max(0, size - MAX_LOG_CHARS);
    const buffer = Buffer.alloc(size - start);
    await handle.read(buffer, 0, buffer.length, start);
    return buffer.toString('utf8');
  } finally {
    await handle.close();
  }
}

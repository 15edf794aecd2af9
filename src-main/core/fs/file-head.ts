import { closeSync, openSync, readSync } from 'node:fs';

/** The first bytes of a file as text (a script's shebang and first lines); '' when it cannot be read. */
export function readFileHead(path: string, bytes = 512): string {
  let fd: number | null = null;
  try {
    fd = openSync(path, 'r');
    const buffer = Buffer.alloc(bytes);
    const read = readSync(fd, buffer, 0, bytes, 0);
    return buffer.subarray(0, read).toString('utf8');
  } catch {
    return '';
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

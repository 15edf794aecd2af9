import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { WheelSummary } from '../../common/domain';
import { WheelbenchError } from '../../common/errors';
import { parseWheelFileName } from './wheel-name';
import { NotAZipError, ZipArchive } from './zip/zip-archive';

async function listEntries(path: string): Promise<string[]> {
  const archive = await ZipArchive.open(path);
  await archive.close();
  return archive.entries.map((e) => e.name);
}

/**
 * The walking skeleton's wheel check: the name parses, the file opens as a zip, and it has a
 * `.dist-info/RECORD` and `WHEEL`. A wheel that fails this is never reported as a result.
 */
export async function summarizeWheel(path: string): Promise<WheelSummary> {
  const fileName = basename(path);
  const name = parseWheelFileName(fileName);
  if (!name) {
    throw new WheelbenchError({ code: 'malformed-input', message: `${fileName} is not a wheel file name ({name}-{version}-{python}-{abi}-{platform}.whl).`, file: path });
  }
  let entries: string[];
  try {
    entries = await listEntries(path);
  } catch (e) {
    const why = e instanceof NotAZipError ? e.message : `it is not a readable zip archive (${(e as Error).message})`;
    throw new WheelbenchError({ code: e instanceof NotAZipError && e.kind === 'missing' ? 'not-found' : 'malformed-input', message: `${fileName} is not a wheel: ${why}.`, file: path });
  }
  const distInfo = entries.find((e) => /^[^/]+\.dist-info\/RECORD$/.test(e));
  if (!distInfo || !entries.some((e) => /^[^/]+\.dist-info\/WHEEL$/.test(e))) {
    throw new WheelbenchError({ code: 'malformed-input', message: `${fileName} has no .dist-info/RECORD and WHEEL: not a complete wheel.`, file: path });
  }
  const { size } = await stat(path);
  return { fileName, path, sizeBytes: size, tags: name.tags };
}

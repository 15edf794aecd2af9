import { createHash } from 'node:crypto';
import { basename, join } from 'node:path';
import yauzl from 'yauzl';
import { writeZip, type ZipEntryInput } from './zip-writer';

// Real wheels, broken on purpose: read every entry, change what the test needs, write a new archive,
// and (when asked) a RECORD that matches, so one fault can be tested without the others.

export type WheelFiles = Map<string, Buffer>;

export async function readWheelFiles(path: string): Promise<WheelFiles> {
  const zip = await yauzl.openPromise(path, { lazyEntries: true });
  const files: WheelFiles = new Map();
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', async (entry: yauzl.Entry) => {
      try {
        const stream = await zip.openReadStreamPromise(entry);
        const chunks: Buffer[] = [];
        for await (const chunk of stream) chunks.push(chunk as Buffer);
        files.set(entry.fileName, Buffer.concat(chunks));
        zip.readEntry();
      } catch (error) {
        reject(error);
      }
    });
    zip.on('end', resolve);
    zip.on('error', reject);
    zip.readEntry();
  });
  return files;
}

export const recordPathOf = (files: WheelFiles): string => [...files.keys()].find((n) => /^[^/]+\.dist-info\/RECORD$/.test(n)) as string;

/** A RECORD that lists every file with its real sha256 and size. */
export function honestRecord(files: WheelFiles): Buffer {
  const record = recordPathOf(files);
  const rows = [...files.entries()]
    .filter(([name]) => name !== record)
    .map(([name, data]) => `${name},sha256=${createHash('sha256').update(data).digest('base64url')},${data.length}`);
  return Buffer.from(`${[...rows, `${record},,`].join('\n')}\n`);
}

export function writeWheel(dir: string, fileName: string, files: WheelFiles, options: { readonly fixRecord?: boolean } = {}): string {
  if (options.fixRecord) files.set(recordPathOf(files), honestRecord(files));
  const path = join(dir, fileName);
  const entries: ZipEntryInput[] = [...files.entries()].map(([name, data]) => ({ name, data }));
  writeZip(path, entries);
  return path;
}

/** Gives a wheel one platform tag, in its file name and in its WHEEL file; returns the new file name. */
export function retag(files: WheelFiles, fileName: string, platform: string): string {
  const wheelFile = [...files.keys()].find((n) => /^[^/]+\.dist-info\/WHEEL$/.test(n)) as string;
  const lines = (files.get(wheelFile) as Buffer).toString('utf8').split('\n').filter((l) => l !== '');
  const tags = [...new Set(lines.filter((l) => l.startsWith('Tag: ')).map((l) => l.replace(/-[^-]+$/, `-${platform}`)))];
  files.set(wheelFile, Buffer.from(`${[...lines.filter((l) => !l.startsWith('Tag: ')), ...tags].join('\n')}\n`));
  const [dist, version, python, abi] = basename(fileName, '.whl').split('-');
  return `${dist}-${version}-${python}-${abi}-${platform}.whl`;
}

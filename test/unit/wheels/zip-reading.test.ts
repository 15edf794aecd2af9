import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ArchiveBytes } from '../../../src-main/core/wheels/zip/archive-bytes';
import { isInflatedInline, ZipArchive } from '../../../src-main/core/wheels/zip/zip-archive';
import { tempDir } from '../../helpers/paths';
import { writeZip, type ZipEntryInput } from '../../helpers/zip-writer';

// ZipArchive reads small entries from stretches of the file it keeps in memory, large ones straight
// from the file, and the directory through a block cache: every way must give back exactly the bytes
// that went in.

const MB = 1024 * 1024;

/** Bytes that do not compress, or (with a mask) compress to about half. */
const noise = (bytes: number, mask = 0xff): Buffer => randomBytes(bytes).map((b) => b & mask) as Buffer;

const text = (i: number, lines: number) => Buffer.from(Array.from({ length: lines }, (_, l) => `line ${l} of file ${i}: ${'x'.repeat(l % 50)}\n`).join(''));

async function contents(archive: ZipArchive, name: string): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of archive.chunks(name)) parts.push(chunk);
  return Buffer.concat(parts);
}

describe('reading a zip archive', () => {
  it('gives back every entry byte for byte, whichever way it is read, with a directory larger than the cache block', async () => {
    const entries: ZipEntryInput[] = [
      ...Array.from({ length: 2500 }, (_, i) => ({ name: `pkg/${'deep/'.repeat(20)}module_${i}.py`, data: text(i, 20 + (i % 30)) })),
      { name: 'pkg/stored.txt', data: text(1, 200), deflate: false },
      { name: 'pkg/barely-compresses.bin', data: noise(2 * MB) },
      { name: 'pkg/compresses-half.so', data: noise(3 * MB, 0x0f) },
      { name: 'pkg/stored-large.bin', data: noise(9 * MB), deflate: false },
      { name: 'pkg/empty.txt', data: Buffer.alloc(0) },
    ];
    const path = join(tempDir('zip-reading'), 'mixed.zip');
    writeZip(path, entries);
    const archive = await ZipArchive.open(path);
    try {
      expect(archive.entries.map((e) => e.name)).toEqual(entries.map((e) => e.name));
      const byName = new Map(archive.entries.map((e) => [e.name, e]));
      // Both ways of reading are covered: in one piece and streamed.
      expect(isInflatedInline(byName.get('pkg/barely-compresses.bin')!)).toBe(true);
      expect(isInflatedInline(byName.get('pkg/compresses-half.so')!)).toBe(false);
      expect(isInflatedInline(byName.get('pkg/stored-large.bin')!)).toBe(false);
      for (const entry of entries) {
        expect((await contents(archive, entry.name)).equals(entry.data), entry.name).toBe(true);
        if (isInflatedInline(byName.get(entry.name)!)) expect((await archive.inline(entry.name)).equals(entry.data), entry.name).toBe(true);
      }
    } finally {
      await archive.close();
    }
  });

  it('reads the same bytes from its in-memory stretches as from the file, including at the file end', async () => {
    const path = join(tempDir('zip-reading'), 'bytes.bin');
    const data = noise(3 * MB + 17);
    writeFileSync(path, data);
    const bytes = new ArchiveBytes(await open(path, 'r'), data.length);
    try {
      // Two entries next to each other (one stretch), one far away running to the end of the file.
      bytes.keepInMemory(
        [
          { relativeOffsetOfLocalHeader: 100, compressedSize: 1000 },
          { relativeOffsetOfLocalHeader: 1100, compressedSize: 5000 },
          { relativeOffsetOfLocalHeader: data.length - 50, compressedSize: 10 },
        ],
        [
          { relativeOffsetOfLocalHeader: 100, compressedSize: 1000 },
          { relativeOffsetOfLocalHeader: 1100, compressedSize: 5000 },
          { relativeOffsetOfLocalHeader: 2 * MB, compressedSize: MB },
          { relativeOffsetOfLocalHeader: data.length - 50, compressedSize: 10 },
        ],
      );
      for (const [offset, length] of [[100, 30], [1100, 5030], [150, 2000], [2 * MB, 4096], [data.length - 50, 50], [data.length - 20, 100], [0, data.length]] as const) {
        const expected = data.subarray(offset, Math.min(data.length, offset + length));
        expect((await bytes.read(offset, length)).equals(expected), `${offset}+${length}`).toBe(true);
      }
    } finally {
      await bytes.close();
    }
  });
});

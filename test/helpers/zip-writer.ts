import { closeSync, openSync, writeSync } from 'node:fs';
import { constants, crc32, deflateRawSync } from 'node:zlib';

// A small zip writer for tests and benchmarks: real archives with exact control over what goes in,
// including what a broken or hostile wheel would contain (sizes that lie, truncated files).

export interface ZipEntryInput {
  readonly name: string;
  readonly data: Buffer;
  /** Stored when false; deflated by default. */
  readonly deflate?: boolean;
  /** Pre-compressed deflate data with the sizes to declare (to build archives that lie about sizes). */
  readonly raw?: { readonly compressed: Buffer; readonly uncompressedSize: number; readonly crc: number };
}

function dosDateTime(): { time: number; date: number } {
  return { time: 0, date: (2024 - 1980) << 9 | (1 << 5) | 1 };
}

interface SharedFields {
  readonly method: number;
  readonly time: number;
  readonly date: number;
  readonly crc: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly nameLength: number;
}

/** The run of fields local and central headers share: version needed … file name length. */
function writeSharedFields(b: Buffer, at: number, f: SharedFields): void {
  b.writeUInt16LE(20, at);
  b.writeUInt16LE(0x0800, at + 2); // UTF-8 names
  b.writeUInt16LE(f.method, at + 4);
  b.writeUInt16LE(f.time, at + 6);
  b.writeUInt16LE(f.date, at + 8);
  b.writeUInt32LE(f.crc, at + 10);
  b.writeUInt32LE(f.compressedSize, at + 14);
  b.writeUInt32LE(f.size, at + 18);
  b.writeUInt16LE(f.nameLength, at + 22);
}

/** Writes a zip archive to `path`, streaming entry by entry so large archives need little memory. */
export function writeZip(path: string, entries: readonly ZipEntryInput[]): void {
  const fd = openSync(path, 'w');
  let offset = 0;
  const central: Buffer[] = [];
  const write = (b: Buffer) => {
    writeSync(fd, b);
    offset += b.length;
  };
  try {
    for (const entry of entries) {
      const name = Buffer.from(entry.name, 'utf8');
      const method = entry.raw || entry.deflate !== false ? 8 : 0;
      const compressed = entry.raw?.compressed ?? (method === 8 ? deflateRawSync(entry.data) : entry.data);
      const size = entry.raw?.uncompressedSize ?? entry.data.length;
      const crc = entry.raw?.crc ?? crc32(entry.data);
      const { time, date } = dosDateTime();
      const fields = { method, time, date, crc: crc >>> 0, compressedSize: compressed.length, size: size >>> 0, nameLength: name.length };
      const local = Buffer.alloc(30);
      local.writeUInt32LE(0x04034b50, 0);
      writeSharedFields(local, 4, fields);
      const localOffset = offset;
      write(local);
      write(name);
      write(compressed);

      const header = Buffer.alloc(46);
      header.writeUInt32LE(0x02014b50, 0);
      header.writeUInt16LE(0x031e, 4); // made by: unix
      writeSharedFields(header, 6, fields);
      header.writeUInt32LE((0o100644 << 16) >>> 0, 38);
      header.writeUInt32LE(localOffset, 42);
      central.push(header, name);
    }
    const centralStart = offset;
    for (const b of central) write(b);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(entries.length, 8);
    end.writeUInt16LE(entries.length, 10);
    end.writeUInt32LE(offset - centralStart, 12);
    end.writeUInt32LE(centralStart, 16);
    write(end);
  } finally {
    closeSync(fd);
  }
}

/**
 * Deflate data that expands to `bytes` zero bytes, built from one repeated flushed block so it costs
 * almost nothing to make: the body of a zip bomb.
 */
export function zerosDeflated(bytes: number): Buffer {
  const blockSize = 1024 * 1024;
  const block = deflateRawSync(Buffer.alloc(blockSize), { finishFlush: constants.Z_FULL_FLUSH });
  const blocks = Math.floor(bytes / blockSize);
  const tail = deflateRawSync(Buffer.alloc(bytes - blocks * blockSize));
  return Buffer.concat([...Array.from({ length: blocks }, () => block), tail]);
}

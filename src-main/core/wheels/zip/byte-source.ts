import type { ZipArchive } from './zip-archive';

/** Random access to a file's bytes, whether they sit in memory or inside a compressed zip entry. */
export interface ByteSource {
  readonly size: number;
  /** Exactly `length` bytes from `offset`; throws RangeError when that runs past the end. */
  read(offset: number, length: number): Promise<Buffer>;
}

/** Reads larger than this from a compressed entry are refused: no symbol table is that large. */
export const MAX_RANGE_BYTES = 64 * 1024 * 1024;

function checkRange(size: number, offset: number, length: number): void {
  if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || offset < 0 || length < 0 || offset + length > size) {
    throw new RangeError(`bytes ${offset}..${offset + length} lie outside the file (${size} bytes)`);
  }
}

export function bufferSource(buffer: Buffer): ByteSource {
  return {
    size: buffer.length,
    read: async (offset, length) => {
      checkRange(buffer.length, offset, length);
      return buffer.subarray(offset, offset + length);
    },
  };
}

/** A window onto part of another source (one architecture's slice of a fat Mach-O). */
export function sliceSource(source: ByteSource, start: number, size: number): ByteSource {
  checkRange(source.size, start, size);
  return {
    size,
    read: (offset, length) => {
      checkRange(size, offset, length);
      return source.read(start + offset, length);
    },
  };
}

/**
 * A zip entry too large to keep in memory: reads inside the first bytes come from `head`; others
 * inflate the entry again up to the range and copy just that range out.
 */
export function entrySource(archive: ZipArchive, name: string, size: number, head: Buffer): ByteSource {
  return {
    size,
    read: async (offset, length) => {
      checkRange(size, offset, length);
      if (offset + length <= head.length) return head.subarray(offset, offset + length);
      if (length > MAX_RANGE_BYTES) throw new RangeError(`a ${length}-byte read is more than Wheelbench reads from one binary`);
      const out = Buffer.alloc(length);
      let position = 0;
      for await (const chunk of archive.chunks(name)) {
        const from = Math.max(offset, position);
        const to = Math.min(offset + length, position + chunk.length);
        if (to > from) chunk.copy(out, from - offset, from - position, to - position);
        position += chunk.length;
        if (position >= offset + length) break;
      }
      return out;
    },
  };
}

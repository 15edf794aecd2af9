import type { FileHandle } from 'node:fs/promises';
import yauzl from 'yauzl';

// Where a zip archive's bytes come from. The file stays open and nothing is read up front: yauzl
// reads the central directory through a small block cache, large entries are read straight from the
// file as they stream, and the stretches of the file that hold the many small entries are loaded
// into memory on first use (one read instead of thousands). Copying a whole wheel into fresh memory
// first is bound by page faults: a 50 MB wheel took 30–45 ms before any entry could start.

/** At most this much of the file is kept in memory; entries past it are read from the file each time. */
const IN_MEMORY_BYTES = 128 * 1024 * 1024;
/** Stretches larger than this are loaded in slices of this size at once (the thread pool takes the page faults in parallel). */
const LOAD_SLICE = 4 * 1024 * 1024;
const DIRECTORY_BLOCK = 256 * 1024;
/** The most a local header can add before an entry's data: its fixed part, a name and an extra field. */
const LOCAL_HEADER_ALLOWANCE = 30 + 2 * 0xffff;

/** One stretch of the file, loaded into memory when first read from. */
interface Stretch {
  readonly start: number;
  end: number;
  loaded?: Promise<Buffer>;
}

export interface EntryLocation {
  readonly relativeOffsetOfLocalHeader: number;
  readonly compressedSize: number;
}

export class ArchiveBytes {
  private stretches: readonly Stretch[] = [];
  private stretchStarts: readonly number[] = [];

  constructor(
    private readonly file: FileHandle,
    readonly size: number,
  ) {}

  /**
   * Keeps the stretches holding these entries (local header and data) in memory once first read,
   * merging neighbours, up to IN_MEMORY_BYTES in all. `all` gives where every entry starts, which is
   * where the one before it must end.
   */
  keepInMemory(entries: readonly EntryLocation[], all: readonly EntryLocation[]): void {
    const starts = [...new Set(all.map((e) => e.relativeOffsetOfLocalHeader))].sort((a, b) => a - b);
    const nextStart = (offset: number) => starts[upperBound(starts, offset)] ?? this.size;
    const stretches: Stretch[] = [];
    let budget = IN_MEMORY_BYTES;
    for (const entry of [...entries].sort((a, b) => a.relativeOffsetOfLocalHeader - b.relativeOffsetOfLocalHeader)) {
      const start = entry.relativeOffsetOfLocalHeader;
      const end = Math.min(nextStart(start), start + LOCAL_HEADER_ALLOWANCE + entry.compressedSize, this.size);
      if (end <= start || end - start > budget) continue;
      budget -= end - start;
      const last = stretches.at(-1);
      if (last && last.end >= start) last.end = Math.max(last.end, end);
      else stretches.push({ start, end });
    }
    this.stretches = stretches;
    this.stretchStarts = stretches.map((s) => s.start);
  }

  /** Up to `length` bytes from `offset` (fewer only where the file ends). */
  async read(offset: number, length: number): Promise<Buffer> {
    const stretch = this.stretches[upperBound(this.stretchStarts, offset) - 1];
    if (stretch && offset + length <= stretch.end) {
      stretch.loaded ??= readRange(this.file, stretch.start, stretch.end - stretch.start);
      const data = await stretch.loaded;
      return data.subarray(offset - stretch.start, offset - stretch.start + length);
    }
    return readRange(this.file, offset, length);
  }

  /** A reader for yauzl, which reads the central directory in many small pieces. */
  directoryReader(): yauzl.RandomAccessReader {
    return new BlockCachedReader(this.file, this.size);
  }

  close(): Promise<void> {
    return this.file.close();
  }
}

/** The index of the first value greater than `value` in ascending `values`. */
function upperBound(values: readonly number[], value: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((values[middle] as number) <= value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Reads a range, large ones in slices side by side; ends early only where the file does. */
async function readRange(file: FileHandle, start: number, length: number): Promise<Buffer> {
  const buffer = Buffer.allocUnsafe(length);
  const slices = Math.max(1, Math.ceil(length / LOAD_SLICE));
  const lengths = await Promise.all(
    Array.from({ length: slices }, (_, i) => readFully(file, buffer, i * LOAD_SLICE, Math.min(LOAD_SLICE, length - i * LOAD_SLICE), start + i * LOAD_SLICE)),
  );
  const short = lengths.findIndex((n, i) => n < Math.min(LOAD_SLICE, length - i * LOAD_SLICE));
  return short === -1 ? buffer : buffer.subarray(0, short * LOAD_SLICE + (lengths[short] as number));
}

async function readFully(file: FileHandle, buffer: Buffer, at: number, length: number, position: number): Promise<number> {
  let done = 0;
  while (done < length) {
    const { bytesRead } = await file.read(buffer, at + done, length - done, position + done);
    if (bytesRead === 0) break;
    done += bytesRead;
  }
  return done;
}

/** yauzl's view of the file: reads served from cached blocks, so a directory of thousands of entries costs a few reads. */
class BlockCachedReader extends yauzl.RandomAccessReader {
  private readonly blocks = new Map<number, Promise<Buffer>>();

  constructor(
    private readonly file: FileHandle,
    private readonly size: number,
  ) {
    super();
  }

  override read(buffer: Buffer, offset: number, length: number, position: number, callback: (err: Error | null, bytesRead?: number) => void): void {
    this.copy(buffer, offset, length, position).then((bytesRead) => callback(null, bytesRead), (error: Error) => callback(error));
  }

  override _readStreamForRange(): never {
    throw new Error('entry data is read by ZipArchive.chunks, not through yauzl');
  }

  private async copy(buffer: Buffer, offset: number, length: number, position: number): Promise<number> {
    let done = 0;
    while (done < length) {
      const index = Math.floor((position + done) / DIRECTORY_BLOCK);
      const block = await this.block(index);
      const from = position + done - index * DIRECTORY_BLOCK;
      if (from >= block.length) break;
      done += block.copy(buffer, offset + done, from, Math.min(block.length, from + length - done));
    }
    return done;
  }

  private block(index: number): Promise<Buffer> {
    let block = this.blocks.get(index);
    if (!block) {
      const start = index * DIRECTORY_BLOCK;
      block = readRange(this.file, start, Math.max(0, Math.min(DIRECTORY_BLOCK, this.size - start)));
      this.blocks.set(index, block);
    }
    return block;
  }
}

import { open as openFile, stat, type FileHandle } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { createInflateRaw, inflateRawSync } from 'node:zlib';
import yauzl from 'yauzl';

// A wheel as a zip archive: yauzl reads the central directory; entry data is read by Wheelbench with
// a byte budget per entry. Wheels up to IN_MEMORY_BYTES are read into memory at once (one read
// instead of thousands); small entries inflate in one call, large ones stream through zlib's thread
// pool in megabyte chunks, so several inflate at once while the main thread hashes. Nothing is
// unpacked to disk, and data that yields more than it declared is cut off.

const IN_MEMORY_BYTES = 128 * 1024 * 1024;
const READ_BLOCK = 1024 * 1024;
const SMALL_COMPRESSED = 1024 * 1024;
const SMALL_UNCOMPRESSED = 8 * 1024 * 1024;
const WHOLE_READ = 64 * 1024 * 1024;
const LOCAL_HEADER_SIGNATURE = 0x04034b50;

export interface ZipEntryInfo {
  readonly name: string;
  readonly compressedSize: number;
  /** What the archive claims; streams that produce more are cut off with an error. */
  readonly uncompressedSize: number;
  /** 0 stored, 8 deflate; anything else cannot be read. */
  readonly method: number;
  readonly encrypted: boolean;
  readonly isDirectory: boolean;
}

/** Why a file could not be opened as a zip, in words a person can act on. */
export class NotAZipError extends Error {
  constructor(
    readonly kind: 'missing' | 'empty' | 'not-zip' | 'truncated' | 'corrupt' | 'unsafe-path',
    message: string,
  ) {
    super(message);
    this.name = 'NotAZipError';
  }
}

/** Where the archive's bytes come from: memory, or the open file. */
interface ArchiveBytes {
  readonly size: number;
  read(offset: number, length: number): Promise<Buffer>;
  close(): Promise<void>;
}

const memoryBytes = (buffer: Buffer): ArchiveBytes => ({
  size: buffer.length,
  read: async (offset, length) => buffer.subarray(offset, offset + length),
  close: async () => undefined,
});

const fileBytes = (file: FileHandle, size: number): ArchiveBytes => ({
  size,
  read: async (offset, length) => {
    const { bytesRead, buffer } = await file.read(Buffer.allocUnsafe(length), 0, length, offset);
    return buffer.subarray(0, bytesRead);
  },
  close: () => file.close(),
});

type YauzlOpen = (callback: (error: Error | null, zip?: yauzl.ZipFile) => void) => void;
const OPTIONS = { lazyEntries: true, autoClose: false, validateEntrySizes: true } as const;

export class ZipArchive {
  private constructor(
    private readonly zip: yauzl.ZipFile,
    private readonly bytes: ArchiveBytes,
    private readonly raw: ReadonlyMap<string, yauzl.Entry>,
    readonly entries: readonly ZipEntryInfo[],
    /** Names that appear more than once (the later copy is the one `raw` keeps). */
    readonly duplicates: readonly string[],
  ) {}

  static async open(path: string): Promise<ZipArchive> {
    let zip: yauzl.ZipFile;
    let bytes: ArchiveBytes;
    try {
      const { size } = await stat(path);
      if (size <= IN_MEMORY_BYTES) {
        const buffer = await readWhole(path, size);
        zip = await openWith((done) => yauzl.fromBuffer(buffer, OPTIONS, done));
        bytes = memoryBytes(buffer);
      } else {
        zip = await openWith((done) => yauzl.open(path, OPTIONS, done));
        bytes = fileBytes(await openFile(path, 'r'), size);
      }
    } catch (error) {
      throw await explainOpenFailure(path, error as NodeJS.ErrnoException);
    }
    try {
      const { raw, entries, duplicates } = await readDirectory(zip);
      return new ZipArchive(zip, bytes, raw, entries, duplicates);
    } catch (error) {
      zip.close();
      await bytes.close();
      throw classifyDirectoryError(error as Error);
    }
  }

  /**
   * The entry's bytes, decompressed, in chunks of up to a megabyte. Throws an EntrySizeError when
   * the data does not produce exactly the size the archive declares (stopping as soon as it exceeds it).
   */
  async *chunks(name: string): AsyncGenerator<Buffer> {
    const entry = this.raw.get(name);
    if (!entry) throw new Error(`no entry named ${name}`);
    const start = await this.dataStart(entry);
    const declared = entry.uncompressedSize;
    if (entry.compressedSize <= SMALL_COMPRESSED && declared <= SMALL_UNCOMPRESSED) {
      const data = await this.bytes.read(start, entry.compressedSize);
      const out = entry.compressionMethod === 8 ? inflateWithin(data, declared) : data;
      if (out.length !== declared) throw new EntrySizeError(out.length > declared ? 'too-large' : 'too-small', declared);
      yield out;
      return;
    }
    // Compressed data up to WHOLE_READ goes to zlib in one piece (in memory it is a view, not a copy).
    const compressed = entry.compressedSize <= WHOLE_READ ? Readable.from([await this.bytes.read(start, entry.compressedSize)]) : Readable.from(this.blocks(start, entry.compressedSize));
    const data = entry.compressionMethod === 8 ? compressed.pipe(createInflateRaw({ chunkSize: READ_BLOCK })) : compressed;
    compressed.once('error', (error) => data.destroy(error));
    let produced = 0;
    try {
      for await (const chunk of data as AsyncIterable<Buffer>) {
        produced += chunk.length;
        if (produced > declared) throw new EntrySizeError('too-large', declared);
        yield chunk;
      }
    } finally {
      compressed.destroy();
      data.destroy();
    }
    if (produced < declared) throw new EntrySizeError('too-small', declared);
  }

  /** Where an entry's data begins: after its local header, whose name and extra field lengths may differ from the central directory's. */
  private async dataStart(entry: yauzl.Entry): Promise<number> {
    const header = await this.bytes.read(entry.relativeOffsetOfLocalHeader, 30);
    if (header.length < 30 || header.readUInt32LE(0) !== LOCAL_HEADER_SIGNATURE) throw new Error('its local file header is missing or damaged');
    const start = entry.relativeOffsetOfLocalHeader + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
    if (start + entry.compressedSize > this.bytes.size) throw new Error('the archive ends inside this entry');
    return start;
  }

  private async *blocks(start: number, length: number): AsyncGenerator<Buffer> {
    for (let done = 0; done < length; ) {
      const block = await this.bytes.read(start + done, Math.min(READ_BLOCK, length - done));
      if (block.length === 0) throw new Error('the archive ends inside this entry');
      done += block.length;
      yield block;
    }
  }

  async close(): Promise<void> {
    this.zip.close();
    await this.bytes.close();
  }
}

/** The whole file in one read where the system allows (readFile reads half a megabyte at a time). */
async function readWhole(path: string, size: number): Promise<Buffer> {
  const file = await openFile(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(size);
    let done = 0;
    while (done < size) {
      const { bytesRead } = await file.read(buffer, done, size - done, done);
      if (bytesRead === 0) break;
      done += bytesRead;
    }
    return buffer.subarray(0, done);
  } finally {
    await file.close();
  }
}

function openWith(open: YauzlOpen): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => open((error, zip) => (error || !zip ? reject(error ?? new Error('cannot open')) : resolve(zip))));
}

async function readDirectory(zip: yauzl.ZipFile) {
  const raw = new Map<string, yauzl.Entry>();
  const entries: ZipEntryInfo[] = [];
  const duplicates: string[] = [];
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      if (raw.has(entry.fileName)) duplicates.push(entry.fileName);
      raw.set(entry.fileName, entry);
      entries.push({
        name: entry.fileName,
        compressedSize: entry.compressedSize,
        uncompressedSize: entry.uncompressedSize,
        method: entry.compressionMethod,
        encrypted: entry.isEncrypted(),
        isDirectory: entry.fileName.endsWith('/'),
      });
      zip.readEntry();
    });
    zip.once('end', () => resolve());
    zip.once('error', reject);
    zip.readEntry();
  });
  return { raw, entries, duplicates };
}

/**
 * Inflates a small entry in one call, never to more than one byte past its declared size. On the main
 * thread: for thousands of small files a trip through the thread pool costs more than the inflating.
 */
function inflateWithin(data: Buffer, declared: number): Buffer {
  try {
    return inflateRawSync(data, { maxOutputLength: declared + 1 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw new EntrySizeError('too-large', declared);
    throw error;
  }
}

/** An entry whose data does not match the size the archive declares for it. */
export class EntrySizeError extends Error {
  constructor(
    readonly kind: 'too-large' | 'too-small',
    readonly declared: number,
  ) {
    super(kind === 'too-large' ? `more than the declared ${declared} bytes` : `fewer than the declared ${declared} bytes`);
    this.name = 'EntrySizeError';
  }
}

function classifyDirectoryError(error: Error): NotAZipError {
  const message = error.message;
  if (/absolute path|invalid relative path|invalid characters in fileName/.test(message)) {
    return new NotAZipError('unsafe-path', `it contains an entry that would be written outside the install folder (${message}); installers refuse it`);
  }
  return new NotAZipError('corrupt', `its zip directory is damaged (${message})`);
}

const SIGNATURES: readonly (readonly [RegExp, string])[] = [
  [/^\x1f\x8b/, 'a gzip file (an sdist .tar.gz?)'],
  [/^\s*<(!doctype|html|\?xml)/i, 'an HTML/XML page (a download that saved an error page?)'],
  [/^\x7fELF/, 'an ELF binary'],
  [/^MZ/, 'a Windows executable'],
  [/^version https:\/\/git-lfs/, 'a Git LFS pointer, not the file itself (run `git lfs pull`)'],
];

async function explainOpenFailure(path: string, error: NodeJS.ErrnoException): Promise<NotAZipError> {
  if (error.code === 'ENOENT') return new NotAZipError('missing', 'the file does not exist');
  if (error.code === 'EISDIR') return new NotAZipError('not-zip', 'it is a folder, not a file');
  if (error.code === 'EACCES') return new NotAZipError('missing', 'it cannot be read (permission denied)');
  let head = Buffer.alloc(0);
  let size = 0;
  try {
    const file = await openFile(path, 'r');
    try {
      size = (await file.stat()).size;
      const { buffer, bytesRead } = await file.read(Buffer.alloc(64), 0, 64, 0);
      head = buffer.subarray(0, bytesRead);
    } finally {
      await file.close();
    }
  } catch {
    return new NotAZipError('corrupt', `it cannot be read as a zip archive (${error.message})`);
  }
  if (size === 0) return new NotAZipError('empty', 'the file is empty (0 bytes): an interrupted download or copy?');
  if (head.subarray(0, 2).toString('latin1') !== 'PK') {
    const text = head.toString('latin1');
    const known = SIGNATURES.find(([pattern]) => pattern.test(text));
    if (known) return new NotAZipError('not-zip', `it is not a zip archive: it looks like ${known[1]}`);
    const printable = /^[\t\n\r\x20-\x7e]+$/.test(text);
    return new NotAZipError('not-zip', printable
      ? `it is not a zip archive: it is text starting with ${JSON.stringify(text.slice(0, 24).trim())}, not the "PK" every zip starts with`
      : 'it is not a zip archive: it does not start with the "PK" every zip starts with');
  }
  if (/end of central directory record signature not found/i.test(error.message)) {
    return new NotAZipError('truncated', `the zip archive is truncated: its central directory (at the end of the file) is missing, after ${size} bytes. An incomplete download or copy? Rebuild or download it again`);
  }
  return new NotAZipError('corrupt', `its zip structure is damaged (${error.message})`);
}

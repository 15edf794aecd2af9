import { open as openFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { createInflateRaw, inflateRawSync } from 'node:zlib';
import yauzl from 'yauzl';
import { ArchiveBytes } from './archive-bytes';

// A wheel as a zip archive: yauzl reads the central directory; entry data is read by Wheelbench with
// a byte budget per entry. Small entries inflate in one call from memory (see ArchiveBytes), large
// ones stream from the file through zlib's thread pool in chunks of a few megabytes while the main
// thread hashes. Nothing is unpacked to disk, and data that yields more than it declared is cut off.

const READ_BLOCK = 1024 * 1024;
const INFLATE_CHUNK = 4 * 1024 * 1024;
const SMALL_COMPRESSED = 1024 * 1024;
const SMALL_UNCOMPRESSED = 8 * 1024 * 1024;
const BARELY_COMPRESSED = 0.9;
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

/**
 * Whether an entry is read in one call from memory, rather than streamed from the file through zlib's
 * thread pool: small ones, and data that barely compressed (inflating it is a copy).
 */
export const isInflatedInline = (entry: Pick<ZipEntryInfo, 'compressedSize' | 'uncompressedSize'>): boolean =>
  entry.uncompressedSize <= SMALL_UNCOMPRESSED && (entry.compressedSize <= SMALL_COMPRESSED || entry.compressedSize >= entry.uncompressedSize * BARELY_COMPRESSED);

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
    let bytes: ArchiveBytes;
    let zip: yauzl.ZipFile;
    try {
      const file = await openFile(path, 'r');
      bytes = new ArchiveBytes(file, (await file.stat()).size);
    } catch (error) {
      throw await explainOpenFailure(path, error as NodeJS.ErrnoException);
    }
    try {
      zip = await openWith((done) => yauzl.fromRandomAccessReader(bytes.directoryReader(), bytes.size, OPTIONS, done));
    } catch (error) {
      await bytes.close();
      throw await explainOpenFailure(path, error as NodeJS.ErrnoException);
    }
    try {
      const { raw, entries, duplicates, locations } = await readDirectory(zip);
      bytes.keepInMemory(locations.filter(isInflatedInline), locations);
      return new ZipArchive(zip, bytes, raw, entries, duplicates);
    } catch (error) {
      zip.close();
      await bytes.close();
      throw classifyDirectoryError(error as Error);
    }
  }

  /**
   * The entry's bytes, decompressed, in chunks of up to INFLATE_CHUNK bytes. Throws an EntrySizeError when
   * the data does not produce exactly the size the archive declares (stopping as soon as it exceeds it).
   */
  async *chunks(name: string): AsyncGenerator<Buffer> {
    const entry = this.entry(name);
    if (isInflatedInline(entry)) {
      yield await this.inline(name);
      return;
    }
    const start = await this.dataStart(entry);
    const declared = entry.uncompressedSize;
    const compressed = Readable.from(this.blocks(start, entry.compressedSize));
    const data = entry.compressionMethod === 8 ? compressed.pipe(createInflateRaw({ chunkSize: INFLATE_CHUNK })) : compressed;
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

  /** An entry that `isInflatedInline` (small) in one piece; throws like `chunks`. */
  async inline(name: string): Promise<Buffer> {
    const entry = this.entry(name);
    if (!isInflatedInline(entry)) throw new Error(`${name} is too large to read in one piece`);
    const data = await this.bytes.read(await this.dataStart(entry), entry.compressedSize);
    const declared = entry.uncompressedSize;
    const out = entry.compressionMethod === 8 ? inflateWithin(data, declared) : data;
    if (out.length !== declared) throw new EntrySizeError(out.length > declared ? 'too-large' : 'too-small', declared);
    return out;
  }

  private entry(name: string): yauzl.Entry {
    const entry = this.raw.get(name);
    if (!entry) throw new Error(`no entry named ${name}`);
    return entry;
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

function openWith(open: YauzlOpen): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => open((error, zip) => (error || !zip ? reject(error ?? new Error('cannot open')) : resolve(zip))));
}

async function readDirectory(zip: yauzl.ZipFile) {
  const raw = new Map<string, yauzl.Entry>();
  const locations: yauzl.Entry[] = [];
  const entries: ZipEntryInfo[] = [];
  const duplicates: string[] = [];
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      if (raw.has(entry.fileName)) duplicates.push(entry.fileName);
      raw.set(entry.fileName, entry);
      locations.push(entry);
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
  return { raw, entries, duplicates, locations };
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

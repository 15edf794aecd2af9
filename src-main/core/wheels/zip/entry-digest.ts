import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { judgeExpansion } from './expansion-limits';
import { EntrySizeError, isInflatedInline, type ZipArchive, type ZipEntryInfo } from './zip-archive';

// One streaming pass over every file in the archive: sha256 and byte count (what RECORD promises),
// the first bytes (to recognise native binaries), and the whole content only where asked for.

/** Enough for every binary header Wheelbench reads first (ELF, PE, Mach-O load commands). */
export const HEAD_BYTES = 64 * 1024;
const YIELD_EVERY_MS = 1;

export interface EntryDigest {
  readonly entry: ZipEntryInfo;
  /** `sha256=<urlsafe base64>` as RECORD writes it; null when the entry was not (fully) read. */
  readonly hash: string | null;
  /** Bytes the entry actually produced; null when not read. */
  readonly size: number | null;
  /** The first HEAD_BYTES bytes, kept only when they start like a native binary. */
  readonly head: Buffer;
  /** The whole content, when `keepBody` asked for it and it was read. */
  readonly body: Buffer | null;
  /** Why the entry could not be read, when it could not. */
  readonly failure: string | null;
}

export interface DigestOptions {
  /** Whether to keep an entry's whole content in memory (small text files, extension modules). */
  readonly keepBody: (entry: ZipEntryInfo) => boolean;
  /** Whether the first bytes are worth keeping (native binary magic numbers). */
  readonly keepHead: (head: Buffer) => boolean;
}

/**
 * Digests every file entry, largest first, in two kinds of lane. Streamed entries inflate in zlib's
 * thread pool, one per core; the main thread hashes their chunks as they come. Small entries
 * inflate inline on the main thread, one lane in all, in slices short enough that a streamed chunk is
 * picked up at once: a pool thread left waiting on the main thread is the slowest path there is.
 */
export async function digestEntries(archive: ZipArchive, options: DigestOptions): Promise<readonly EntryDigest[]> {
  const files = archive.entries.filter((e) => !e.isDirectory);
  const order = [...files].sort((a, b) => b.uncompressedSize - a.uncompressedSize);
  const results = new Map<ZipEntryInfo, EntryDigest>();
  let declared = 0;
  const verdicts = new Map(order.map((entry) => {
    const verdict = judgeExpansion(entry, declared);
    if (verdict.ok) declared += entry.uncompressedSize;
    return [entry, verdict] as const;
  }));
  const digest = async (entry: ZipEntryInfo) => {
    const verdict = verdicts.get(entry);
    results.set(entry, verdict && !verdict.ok ? unread(entry, `not unpacked: it ${verdict.reason}`) : await digestOne(archive, entry, options));
  };
  const streamed = order.filter((e) => !isInflatedInline(e));
  const inline = order.filter((e) => isInflatedInline(e));
  const streamLanes = Math.min(streamed.length, Math.max(1, availableParallelism()));
  await Promise.all([
    ...Array.from({ length: streamLanes }, () => drain(streamed, digest)),
    drain(inline, async (entry) => {
      await yieldNowAndThen();
      await digest(entry);
    }),
  ]);
  return files.map((entry) => results.get(entry) as EntryDigest);
}

/** Takes entries off a shared queue until it is empty; several lanes may drain one queue. */
async function drain(queue: ZipEntryInfo[], work: (entry: ZipEntryInfo) => Promise<void>): Promise<void> {
  for (let entry = queue.shift(); entry; entry = queue.shift()) await work(entry);
}

let lastYield = 0;
/** Lets the event loop run (zlib's finished chunks) once every YIELD_EVERY_MS of inline work. */
async function yieldNowAndThen(): Promise<void> {
  if (performance.now() - lastYield < YIELD_EVERY_MS) return;
  await new Promise((resolve) => setImmediate(resolve));
  lastYield = performance.now();
}

function unread(entry: ZipEntryInfo, failure: string): EntryDigest {
  return { entry, hash: null, size: null, head: Buffer.alloc(0), body: null, failure };
}

async function digestOne(archive: ZipArchive, entry: ZipEntryInfo, options: DigestOptions): Promise<EntryDigest> {
  if (entry.encrypted) return unread(entry, 'it is encrypted; installers cannot read it');
  if (entry.method !== 0 && entry.method !== 8) {
    return unread(entry, `it uses zip compression method ${entry.method}; wheels may only use stored (0) or deflate (8), and pip cannot read it`);
  }
  const keepBody = options.keepBody(entry);
  const hash = createHash('sha256');
  const chunks: Buffer[] = [];
  const headParts: Buffer[] = [];
  let headSize = 0;
  let size = 0;
  const take = (chunk: Buffer) => {
    hash.update(chunk);
    size += chunk.length;
    if (keepBody) chunks.push(chunk);
    else if (headSize < HEAD_BYTES) {
      headParts.push(chunk.subarray(0, HEAD_BYTES - headSize));
      headSize += Math.min(chunk.length, HEAD_BYTES - headSize);
    }
  };
  try {
    if (isInflatedInline(entry)) take(await archive.inline(entry.name));
    else for await (const chunk of archive.chunks(entry.name)) take(chunk);
  } catch (error) {
    return unread(entry, describeStreamFailure(entry, error as Error));
  }
  const body = keepBody ? Buffer.concat(chunks, size) : null;
  const head = body ? body.subarray(0, HEAD_BYTES) : Buffer.concat(headParts, headSize);
  return {
    entry,
    hash: `sha256=${hash.digest('base64url')}`,
    size,
    head: body || options.keepHead(head) ? head : Buffer.alloc(0),
    body,
    failure: null,
  };
}

function describeStreamFailure(entry: ZipEntryInfo, error: Error): string {
  if (error instanceof EntrySizeError) {
    return error.kind === 'too-large'
      ? `its data expands beyond the ${entry.uncompressedSize} bytes the archive declares (a corrupt or hostile archive); reading stopped there`
      : `its data ends before the ${entry.uncompressedSize} bytes the archive declares: the archive is damaged`;
  }
  return `it cannot be decompressed (${error.message}): the archive is damaged`;
}

import { randomUUID } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { UPLOAD_CHUNK_BYTES } from '../../common/upload-limits';
import { WheelbenchError } from '../../common/errors';
import type { UploadProgress } from '../../common/wheel-report';

// Wheels dropped on the web mode's page: the browser cannot say where a file lives, so its bytes come
// over the contract in chunks, in order, into `<data dir>/uploads/<id>/<file name>`.

interface Upload {
  readonly fileName: string;
  readonly totalBytes: number;
  readonly dir: string;
  received: number;
}

export interface ChunkRequest {
  readonly uploadId?: string;
  readonly fileName: string;
  readonly offset: number;
  readonly totalBytes: number;
  readonly base64: string;
}

const STALE_MS = 24 * 60 * 60 * 1000;

export class UploadStore {
  private readonly uploads = new Map<string, Upload>();

  constructor(private readonly dataDir: string) {}

  private get root(): string {
    return join(this.dataDir, 'uploads');
  }

  async receive(chunk: ChunkRequest): Promise<UploadProgress> {
    const bytes = Buffer.from(chunk.base64, 'base64');
    if (bytes.length > UPLOAD_CHUNK_BYTES) throw invalid(`A chunk may carry at most ${UPLOAD_CHUNK_BYTES} bytes.`);
    const uploadId = chunk.uploadId ?? (await this.start(chunk));
    const upload = this.uploads.get(uploadId);
    if (!upload) throw new WheelbenchError({ code: 'not-found', message: `No upload with id ${chunk.uploadId}: start again from the first chunk.` });
    if (chunk.offset !== upload.received) throw invalid(`Expected the chunk at byte ${upload.received}, got one at ${chunk.offset}.`);
    if (upload.received + bytes.length > upload.totalBytes) throw invalid(`The chunks add up to more than the announced ${upload.totalBytes} bytes.`);
    const partial = join(upload.dir, `${upload.fileName}.part`);
    const file = await open(partial, chunk.offset === 0 ? 'w' : 'r+');
    try {
      await file.write(bytes, 0, bytes.length, chunk.offset);
    } finally {
      await file.close();
    }
    upload.received += bytes.length;
    if (upload.received < upload.totalBytes) return { uploadId, receivedBytes: upload.received, path: null };
    const path = join(upload.dir, upload.fileName);
    await rename(partial, path);
    this.uploads.delete(uploadId);
    return { uploadId, receivedBytes: upload.received, path };
  }

  /** A new upload's id. */
  private async start(chunk: ChunkRequest): Promise<string> {
    if (chunk.offset !== 0) throw invalid('An upload starts with the chunk at byte 0.');
    await this.forgetStale();
    const id = randomUUID();
    const upload: Upload = { fileName: chunk.fileName, totalBytes: chunk.totalBytes, dir: join(this.root, id), received: 0 };
    await mkdir(upload.dir, { recursive: true });
    this.uploads.set(id, upload);
    return id;
  }

  /** Uploads older than a day are gone: they were looked at, or abandoned. */
  private async forgetStale(): Promise<void> {
    const names = await readdir(this.root).catch(() => [] as string[]);
    const now = Date.now();
    for (const name of names) {
      if (this.uploads.has(name)) continue;
      const dir = join(this.root, name);
      const info = await stat(dir).catch(() => null);
      if (info && now - info.mtimeMs > STALE_MS) await rm(dir, { recursive: true, force: true });
    }
  }
}

const invalid = (message: string) => new WheelbenchError({ code: 'invalid-arguments', message });

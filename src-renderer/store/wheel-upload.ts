import { api } from '../api';

// The web mode cannot hand the core a dropped file's path, so its bytes go up through the contract in
// chunks small enough for one WebSocket frame (the core writes them into its data dir).

/** Mirrors UPLOAD_CHUNK_BYTES in the contract (the renderer may only import types from it). */
const CHUNK_BYTES = 512 * 1024;

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Sends a file in order, chunk by chunk; resolves with where the core wrote it. */
export async function uploadWheel(file: File, onProgress: (fraction: number) => void): Promise<string> {
  if (file.size === 0) throw new Error(`${file.name} is empty (0 bytes): not a wheel.`);
  let uploadId: string | undefined;
  for (let offset = 0; offset < file.size; offset += CHUNK_BYTES) {
    const chunk = new Uint8Array(await file.slice(offset, offset + CHUNK_BYTES).arrayBuffer());
    const progress = await api().uploadWheelChunk({
      ...(uploadId ? { uploadId } : {}),
      fileName: file.name,
      offset,
      totalBytes: file.size,
      base64: toBase64(chunk),
    });
    uploadId = progress.uploadId;
    onProgress(progress.receivedBytes / file.size);
    if (progress.path) return progress.path;
  }
  throw new Error(`The upload of ${file.name} ended without the core confirming it (${file.size} bytes sent).`);
}

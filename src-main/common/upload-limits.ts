// Apart from the contract so the core can use them without loading the contract's schemas (zod).

/** Wheels dropped on the web mode arrive in chunks small enough for one WebSocket frame. */
export const UPLOAD_CHUNK_BYTES = 512 * 1024;
export const MAX_UPLOAD_BYTES = 512 * 1024 * 1024;

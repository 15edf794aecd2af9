import type { ErrorCode, WheelbenchErrorData } from '../../src-main/common/errors';
import type { Fix } from '../../src-main/common/domain';

/**
 * The renderer's view of a failed call: an Error carrying the contract's error fields, so the UI can
 * show the message, the location (file:line:col) and the fix. The renderer may only import types from
 * src-main/common, so this mirrors WheelbenchError rather than reusing it.
 */
export class ApiError extends Error implements WheelbenchErrorData {
  readonly code: ErrorCode;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  readonly fix?: Fix;
  /** The call's answer was lost with a dropped connection (the call may or may not have run). */
  connectionLost = false;

  constructor(data: WheelbenchErrorData) {
    super(data.message);
    this.name = 'ApiError';
    this.code = data.code;
    if (data.file !== undefined) this.file = data.file;
    if (data.line !== undefined) this.line = data.line;
    if (data.column !== undefined) this.column = data.column;
    if (data.fix !== undefined) this.fix = data.fix;
  }
}

export function isErrorData(value: unknown): value is WheelbenchErrorData {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { code?: unknown }).code === 'string' &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}

// Electron wraps errors thrown in a handler as "Error invoking remote method 'x': Error: message".
const IPC_PREFIX = /^Error invoking remote method '[^']*': (?:[A-Za-z]*Error: )?/;

/** Anything a call can reject with, turned into an ApiError with a readable message. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (isErrorData(err)) {
    return new ApiError({ ...err, message: err.message.replace(IPC_PREFIX, '') });
  }
  if (err instanceof Error) {
    return new ApiError({ code: 'internal', message: err.message.replace(IPC_PREFIX, '') || err.name });
  }
  return new ApiError({ code: 'internal', message: typeof err === 'string' ? err : 'Something went wrong.' });
}

/** Whether a failure only means the connection dropped (the reconnecting banner already says so). */
export function isConnectionLost(err: unknown): boolean {
  return err instanceof ApiError && err.connectionLost;
}

/** `path:line:col` when a location is known. */
export function formatLocation(e: Pick<WheelbenchErrorData, 'file' | 'line' | 'column'>): string {
  if (!e.file) return '';
  if (e.line === undefined) return e.file;
  return e.column === undefined ? `${e.file}:${e.line}` : `${e.file}:${e.line}:${e.column}`;
}

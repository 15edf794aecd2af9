import type { Fix } from './domain';

export type ErrorCode =
  | 'unknown-method'
  | 'invalid-arguments'
  | 'not-a-project'
  | 'malformed-input'
  | 'not-found'
  | 'tool-missing'
  | 'busy'
  | 'unsupported'
  /** A fix that changes the system (sudo apt-get …) was asked to run without the user's confirmation. */
  | 'needs-confirmation'
  | 'internal';

/** The error shape that crosses every transport: a sentence a person can act on, never a stack. */
export interface WheelbenchErrorData {
  readonly code: ErrorCode;
  readonly message: string;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  readonly fix?: Fix;
}

export class WheelbenchError extends Error implements WheelbenchErrorData {
  readonly code: ErrorCode;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  readonly fix?: Fix;

  constructor(data: WheelbenchErrorData) {
    super(data.message);
    this.name = 'WheelbenchError';
    this.code = data.code;
    if (data.file !== undefined) this.file = data.file;
    if (data.line !== undefined) this.line = data.line;
    if (data.column !== undefined) this.column = data.column;
    if (data.fix !== undefined) this.fix = data.fix;
  }

  toData(): WheelbenchErrorData {
    const { code, message, file, line, column, fix } = this;
    return { code, message, file, line, column, fix };
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

/** `path:line:col` when a location is known, for messages. */
export function formatLocation(e: Pick<WheelbenchErrorData, 'file' | 'line' | 'column'>): string {
  if (!e.file) return '';
  if (e.line === undefined) return e.file;
  return e.column === undefined ? `${e.file}:${e.line}` : `${e.file}:${e.line}:${e.column}`;
}

/** Turns anything thrown into the error shape that crosses a transport: a message, never a stack. */
export function toErrorData(error: unknown): WheelbenchErrorData {
  if (error instanceof WheelbenchError) return error.toData();
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message: `Unexpected error: ${message}` };
}

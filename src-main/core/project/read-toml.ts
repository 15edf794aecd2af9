import { readFile, stat } from 'node:fs/promises';
import { parse, TomlError } from 'smol-toml';
import type { AST } from 'toml-eslint-parser';
import { WheelbenchError } from '../../common/errors';
import { lineOf, parseTree, type KeyPath } from './edit/toml-text';

export type TomlTable = Readonly<Record<string, unknown>>;

const MAX_TOML_BYTES = 8 * 1024 * 1024;

function malformed(message: string, file: string, line?: number, column?: number): WheelbenchError {
  return new WheelbenchError({ code: 'malformed-input', message, file, line, column });
}

/** Reads a text file a project is made of; every failure becomes a WheelbenchError naming the file. */
export async function readProjectText(file: string, what = 'a project file'): Promise<string> {
  let bytes: Buffer;
  try {
    const info = await stat(file);
    if (!info.isFile()) throw malformed(`${file} is a ${info.isDirectory() ? 'directory' : 'special file'}, not ${what}.`, file);
    if (info.size > MAX_TOML_BYTES) throw malformed(`${file} is ${info.size} bytes: too large to be ${what} (the limit is ${MAX_TOML_BYTES / 1024 / 1024} MiB).`, file);
    bytes = await readFile(file);
  } catch (e) {
    if (e instanceof WheelbenchError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'EACCES' ? 'permission denied' : code === 'ENOENT' ? 'it does not exist' : String((e as Error).message);
    throw malformed(`Cannot read ${file}: ${why}.`, file);
  }
  if (bytes.includes(0)) throw malformed(`${file} contains binary data, not text.`, file);
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  const bad = text.indexOf('\uFFFD');
  if (bad !== -1) {
    const line = text.slice(0, bad).split('\n').length;
    throw malformed(`${file}:${line}: is not valid UTF-8 text.`, file, line);
  }
  return text;
}

/** A parsed TOML file that can say where each key is and reject values of the wrong type, with file:line. */
export class TomlDoc {
  private tree: AST.TOMLProgram | null = null;

  constructor(
    readonly file: string,
    readonly text: string,
    readonly value: TomlTable,
  ) {}

  /** The 1-based line that defines a key path (or its table header). */
  line(path: KeyPath): number | undefined {
    try {
      this.tree ??= parseTree(this.text.replace(/^\uFEFF/, ''));
    } catch {
      return undefined;
    }
    return lineOf(this.tree, path) ?? undefined;
  }

  /** The value at a key path; undefined when absent. A non-table where a table must be is malformed input. */
  get(path: KeyPath): unknown {
    let node: unknown = this.value;
    for (const [depth, key] of path.entries()) {
      if (!isTable(node)) throw this.wrongType(path.slice(0, depth), 'a table', node);
      node = node[key];
      if (node === undefined) return undefined;
    }
    return node;
  }

  private wrongType(path: KeyPath, expected: string, got: unknown): WheelbenchError {
    const line = this.line(path);
    const where = line === undefined ? this.file : `${this.file}:${line}`;
    return malformed(`${where}: \`${path.join('.')}\` must be ${expected}, not ${describe(got)}.`, this.file, line);
  }

  string(path: KeyPath): string | undefined {
    const value = this.get(path);
    if (value === undefined || typeof value === 'string') return value;
    throw this.wrongType(path, 'a string', value);
  }

  bool(path: KeyPath): boolean | undefined {
    const value = this.get(path);
    if (value === undefined || typeof value === 'boolean') return value;
    throw this.wrongType(path, 'true or false', value);
  }

  strings(path: KeyPath): readonly string[] | undefined {
    const value = this.get(path);
    if (value === undefined) return undefined;
    if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[];
    throw this.wrongType(path, 'an array of strings', value);
  }

  table(path: KeyPath): TomlTable | undefined {
    const value = this.get(path);
    if (value === undefined || isTable(value)) return value as TomlTable | undefined;
    throw this.wrongType(path, 'a table', value);
  }

  array(path: KeyPath): readonly unknown[] | undefined {
    const value = this.get(path);
    if (value === undefined || Array.isArray(value)) return value as unknown[] | undefined;
    throw this.wrongType(path, 'an array', value);
  }
}

export function describe(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Date) return 'a date';
  if (isTable(value)) return 'a table';
  if (typeof value === 'string') return `the string "${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  if (typeof value === 'number') return `the number ${value}`;
  return `${typeof value === 'boolean' ? 'the boolean' : typeof value} ${String(value)}`;
}

export function isTable(value: unknown): value is TomlTable {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** Reads and parses a TOML file; every failure becomes a WheelbenchError with file:line:col. */
export async function readTomlDoc(file: string): Promise<TomlDoc> {
  const text = await readProjectText(file, 'a TOML file');
  if (text.replace(/^\uFEFF/, '').trim() === '') throw malformed(`${file} is empty.`, file, 1);
  try {
    return new TomlDoc(file, text, parse(text.replace(/^\uFEFF/, '')) as TomlTable);
  } catch (e) {
    if (e instanceof TomlError) {
      const firstLine = e.message.split('\n')[0] ?? 'invalid TOML';
      throw malformed(`${file}:${e.line}:${e.column}: ${firstLine}`, file, e.line, e.column);
    }
    throw e;
  }
}

export function table(value: unknown): TomlTable | undefined {
  return isTable(value) ? value : undefined;
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

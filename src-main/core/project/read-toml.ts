import { readFile, stat } from 'node:fs/promises';
import { parse, TomlError } from 'smol-toml';
import { WheelbenchError } from '../../common/errors';

export type TomlTable = Readonly<Record<string, unknown>>;

const MAX_TOML_BYTES = 8 * 1024 * 1024;

/** Reads and parses a TOML file; every failure becomes a WheelbenchError with file:line:col. */
export async function readTomlFile(file: string): Promise<TomlTable> {
  let text: string;
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new WheelbenchError({ code: 'malformed-input', message: `${file} is not a file.`, file });
    if (info.size > MAX_TOML_BYTES) {
      throw new WheelbenchError({ code: 'malformed-input', message: `${file} is ${info.size} bytes: too large to be a project file.`, file });
    }
    text = await readFile(file, 'utf8');
  } catch (e) {
    if (e instanceof WheelbenchError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'EACCES' ? 'permission denied' : code === 'ENOENT' ? 'it does not exist' : String((e as Error).message);
    throw new WheelbenchError({ code: 'malformed-input', message: `Cannot read ${file}: ${why}.`, file });
  }
  if (text.includes('\u0000')) {
    throw new WheelbenchError({ code: 'malformed-input', message: `${file} contains binary data, not TOML.`, file });
  }
  try {
    return parse(text.replace(/^\uFEFF/, '')) as TomlTable;
  } catch (e) {
    if (e instanceof TomlError) {
      const firstLine = e.message.split('\n')[0] ?? 'invalid TOML';
      throw new WheelbenchError({
        code: 'malformed-input',
        message: `${file}:${e.line}:${e.column}: ${firstLine}`,
        file,
        line: e.line,
        column: e.column,
      });
    }
    throw e;
  }
}

export function table(value: unknown): TomlTable | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as TomlTable) : undefined;
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

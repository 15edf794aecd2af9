import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { walkFiles } from './files';

// PyO3 names the init symbol after the `#[pymodule]` item (`PyInit_<name>`), or after
// `#[pyo3(name = "...")]` / `#[pymodule(name = "...")]` when given. Python imports the module by the
// last part of module-name, so the two must agree.

export interface PyModuleDecl {
  /** The name Python sees: the `name = "..."` override, else the item's identifier. */
  readonly name: string;
  readonly file: string;
  readonly line: number;
  /** The name is set by a `name = "..."` attribute rather than the identifier. */
  readonly renamed: boolean;
}

const ATTR = /#\[\s*(?:pyo3::)?pymodule\b\s*(?:\(([^)]*)\))?\s*\]/g;
const NAME_ARG = /\bname\s*=\s*"([^"]+)"/;
// Attributes, comments and visibility between `#[pymodule]` and the item it names.
const FOLLOWING = /^(?:\s+|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/|#\[[^\]]*\])*\s*(?:pub(?:\s*\([^)]*\))?\s+)?(?:fn|mod)\s+(?:r#)?([A-Za-z_][A-Za-z0-9_]*)/;
const PYO3_ATTR = /#\[\s*pyo3\s*\(([^)]*)\)\s*\]/;
/** pyo3-ffi crates (orjson and friends) write the init function by hand. */
const HAND_WRITTEN_INIT = /\bextern\s+"C"\s+fn\s+PyInit_([A-Za-z_][A-Za-z0-9_]*)/g;

const lineAt = (text: string, offset: number) => text.slice(0, offset).split('\n').length;

export function findPyModules(text: string, file: string): PyModuleDecl[] {
  const found: PyModuleDecl[] = [];
  for (const match of text.matchAll(ATTR)) {
    const at = match.index ?? 0;
    const lineStart = text.lastIndexOf('\n', at - 1) + 1;
    if (/\/\//.test(text.slice(lineStart, at))) continue;
    const args = match[1] ?? '';
    if (/\bsubmodule\b/.test(args)) continue;
    const rest = FOLLOWING.exec(text.slice(at + match[0].length));
    if (!rest) continue;
    const pyo3Args = PYO3_ATTR.exec(rest[0])?.[1];
    const override = NAME_ARG.exec(args)?.[1] ?? (pyo3Args ? NAME_ARG.exec(pyo3Args)?.[1] : undefined);
    found.push({ name: override ?? (rest[1] as string), file, line: lineAt(text, at), renamed: override !== undefined });
  }
  for (const match of text.matchAll(HAND_WRITTEN_INIT)) {
    found.push({ name: match[1] as string, file, line: lineAt(text, match.index ?? 0), renamed: false });
  }
  return found;
}

/** Every top-level `#[pymodule]` in the crate's sources, the library root's first. */
export async function scanPyModules(libPath: string): Promise<PyModuleDecl[]> {
  const files = await walkFiles(dirname(libPath), (p) => p.endsWith('.rs'), { maxDepth: 8, maxFiles: 2000 });
  const ordered = [libPath, ...files.filter((f) => f !== libPath)];
  const out: PyModuleDecl[] = [];
  for (const file of ordered) {
    const text = await readFile(file, 'utf8').catch(() => null);
    if (text !== null && (text.includes('pymodule') || text.includes('PyInit_'))) out.push(...findPyModules(text, file));
  }
  return out;
}

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
const FOLLOWING = /^(?:\s+|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/|#\[\s*pyo3\s*\(([^)]*)\)\s*\]|#\[[^\]]*\])*\s*(?:pub(?:\s*\([^)]*\))?\s+)?(?:fn|mod)\s+(?:r#)?([A-Za-z_][A-Za-z0-9_]*)/;

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
    const override = NAME_ARG.exec(args)?.[1] ?? (rest[1] ? NAME_ARG.exec(rest[1])?.[1] : undefined);
    found.push({ name: override ?? (rest[2] as string), file, line: text.slice(0, at).split('\n').length, renamed: override !== undefined });
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
    if (text !== null && text.includes('pymodule')) out.push(...findPyModules(text, file));
  }
  return out;
}

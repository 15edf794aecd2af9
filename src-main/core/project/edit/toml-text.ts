import { parseTOML, type AST } from 'toml-eslint-parser';

// Where things are in a TOML file, by byte-exact source offsets. smol-toml gives values but no
// positions; toml-eslint-parser gives a full syntax tree with ranges, which is what surgical edits
// and file:line locations need.

export type KeyPath = readonly string[];

/** A file's text split into what edits must keep: the BOM and the line ending style. */
export interface TomlText {
  readonly bom: boolean;
  /** The text after the BOM: every offset below is into this. */
  readonly body: string;
  readonly eol: '\n' | '\r\n';
}

export function splitText(text: string): TomlText {
  const bom = text.startsWith('\uFEFF');
  const body = bom ? text.slice(1) : text;
  const crlf = (body.match(/\r\n/g) ?? []).length;
  const lf = (body.match(/\n/g) ?? []).length - crlf;
  return { bom, body, eol: crlf > lf ? '\r\n' : '\n' };
}

export function joinText(t: Pick<TomlText, 'bom'>, body: string): string {
  return t.bom ? `\uFEFF${body}` : body;
}

export function parseTree(body: string): AST.TOMLProgram {
  return parseTOML(body, { tomlVersion: '1.0' });
}

export const keyNames = (key: AST.TOMLKey): string[] =>
  key.keys.map((k) => (k.type === 'TOMLBare' ? k.name : k.value));

const samePath = (a: readonly (string | number)[], b: KeyPath) => a.length === b.length && a.every((k, i) => k === b[i]);
const startsWith = (a: readonly (string | number)[], prefix: readonly (string | number)[]) =>
  prefix.length <= a.length && prefix.every((k, i) => a[i] === k);

export function topLevel(tree: AST.TOMLProgram): AST.TOMLTopLevelTable['body'] {
  return tree.body[0].body;
}

/** Standard tables (`[a.b]`, not `[[a.b]]`) in file order. */
export function standardTables(tree: AST.TOMLProgram): AST.TOMLTable[] {
  return topLevel(tree).filter((n): n is AST.TOMLTable => n.type === 'TOMLTable' && n.kind === 'standard');
}

/** Every key/value pair with the full key path it defines, top-level pairs included. */
export function keyValues(tree: AST.TOMLProgram): { readonly path: string[]; readonly node: AST.TOMLKeyValue; readonly table: AST.TOMLTable | null }[] {
  const out: { path: string[]; node: AST.TOMLKeyValue; table: AST.TOMLTable | null }[] = [];
  for (const item of topLevel(tree)) {
    if (item.type === 'TOMLKeyValue') out.push({ path: keyNames(item.key), node: item, table: null });
    else if (item.kind === 'standard') {
      for (const kv of item.body) out.push({ path: [...(item.resolvedKey as string[]), ...keyNames(kv.key)], node: kv, table: item });
    }
  }
  return out;
}

/** The value node at a key path, looking through dotted keys and inline tables; null when absent. */
export function findValue(tree: AST.TOMLProgram, path: KeyPath): AST.TOMLContentNode | null {
  for (const { path: kvPath, node } of keyValues(tree)) {
    if (samePath(kvPath, path)) return node.value;
    if (startsWith(path, kvPath) && node.value.type === 'TOMLInlineTable') {
      const inner = findInInline(node.value, path.slice(kvPath.length));
      if (inner) return inner;
    }
  }
  return null;
}

function findInInline(table: AST.TOMLInlineTable, path: KeyPath): AST.TOMLContentNode | null {
  for (const kv of table.body) {
    const names = keyNames(kv.key);
    if (samePath(names, path)) return kv.value;
    if (startsWith(path, names) && kv.value.type === 'TOMLInlineTable') return findInInline(kv.value, path.slice(names.length));
  }
  return null;
}

/** The line (1-based) where a key path is defined: its key, or its table header; null when absent. */
export function lineOf(tree: AST.TOMLProgram, path: KeyPath): number | null {
  const value = findValue(tree, path);
  if (value) return value.loc.start.line;
  const table = standardTables(tree).find((t) => samePath(t.resolvedKey, path));
  return table ? table.loc.start.line : null;
}

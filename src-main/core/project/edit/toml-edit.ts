import { parse } from 'smol-toml';
import { getStaticTOMLValue, type AST } from 'toml-eslint-parser';
import { WheelbenchError } from '../../../common/errors';
import { findValue, joinText, keyValues, parseTree, splitText, standardTables, type KeyPath, type TomlText } from './toml-text';
import { formatKey, formatString, formatValue, type QuoteStyle, type TomlInput } from './toml-format';
import { tomlValuesEqual } from './toml-equal';

// Byte-preserving TOML edits: every change is a splice at offsets from the syntax tree, so comments,
// key order, blank lines, quoting, line endings, a BOM and the final newline of everything else stay
// exactly as they were. Afterwards the result is parsed again and must equal the original with only
// the intended change applied; otherwise nothing is returned.

export type TomlChange =
  /** Set a key (a string keeps the quote style of the value it replaces); tables are created as needed. */
  | { readonly kind: 'set'; readonly path: KeyPath; readonly value: TomlInput }
  /** Add items to an array that are not in it yet; creates the array when the key is absent. */
  | { readonly kind: 'append'; readonly path: KeyPath; readonly items: readonly TomlInput[] };

interface Splice {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** Applies changes to a TOML file's text and returns the new text; throws when it cannot do so safely. */
export function editToml(text: string, changes: readonly TomlChange[], fileLabel: string): string {
  const parts = splitText(text);
  let body = parts.body;
  for (const change of changes) body = applyOne({ ...parts, body }, change, fileLabel);
  const result = joinText(parts, body);
  verify(text, result, changes, fileLabel);
  return result;
}

function cannot(fileLabel: string, why: string): WheelbenchError {
  return new WheelbenchError({ code: 'unsupported', message: `Wheelbench cannot edit ${fileLabel} safely: ${why} Make this change by hand.`, file: fileLabel });
}

function applyOne(t: TomlText, change: TomlChange, fileLabel: string): string {
  let tree: AST.TOMLProgram;
  try {
    tree = parseTree(t.body);
  } catch {
    throw cannot(fileLabel, 'it is not valid TOML.');
  }
  const style = preferredQuotes(tree);
  const existing = findValue(tree, change.path);
  let splice: Splice;
  if (change.kind === 'set') {
    splice = existing ? { start: existing.range[0], end: existing.range[1], text: replacement(existing, change.value, style) } : insertKey(t, tree, change.path, formatValue(change.value, style), fileLabel);
  } else if (existing === null) {
    splice = insertKey(t, tree, change.path, formatValue(change.items, style), fileLabel);
  } else if (existing.type !== 'TOMLArray') {
    throw cannot(fileLabel, `${change.path.join('.')} is not an array.`);
  } else {
    const current = existing.elements.map((e) => getStaticTOMLValue(e));
    const missing = change.items.filter((item) => !current.some((c) => tomlValuesEqual(c, item)));
    if (missing.length === 0) return t.body;
    splice = appendToArray(t, existing, missing.map((item) => formatValue(item, style)));
  }
  return t.body.slice(0, splice.start) + splice.text + t.body.slice(splice.end);
}

/** A new value for an existing node; a string replacing a string keeps its quote style. */
function replacement(node: AST.TOMLContentNode, value: TomlInput, style: QuoteStyle): string {
  if (typeof value === 'string' && node.type === 'TOMLValue' && node.kind === 'string' && !node.multiline) return formatString(value, node.style);
  return formatValue(value, style);
}

/** The quote style most string values in the file use: new strings follow it. */
function preferredQuotes(tree: AST.TOMLProgram): QuoteStyle {
  let basic = 0;
  let literal = 0;
  const visit = (node: AST.TOMLContentNode) => {
    if (node.type === 'TOMLValue' && node.kind === 'string') {
      if (node.style === 'literal') literal++;
      else basic++;
    }
    else if (node.type === 'TOMLArray') node.elements.forEach(visit);
    else if (node.type === 'TOMLInlineTable') node.body.forEach((kv) => visit(kv.value));
  };
  for (const { node } of keyValues(tree)) visit(node.value);
  return literal > basic ? 'literal' : 'basic';
}

const lineStartOf = (body: string, offset: number) => body.lastIndexOf('\n', offset - 1) + 1;

/** The offset just past the end of the line holding `offset` (after its line break), or the text's end. */
function nextLineStart(body: string, offset: number): number {
  const nl = body.indexOf('\n', offset);
  return nl === -1 ? body.length : nl + 1;
}

/** The offset of the line break ending the line that holds `offset` (before `\r\n` or `\n`). */
function lineEnd(body: string, offset: number): number {
  const nl = body.indexOf('\n', offset);
  if (nl === -1) return body.length;
  return body[nl - 1] === '\r' ? nl - 1 : nl;
}

const indentOf = (body: string, offset: number) => /^[ \t]*/.exec(body.slice(lineStartOf(body, offset)))?.[0] ?? '';

/** Adds a line after `after` (a node on its own line): the new line gets the same indentation. */
function lineAfter(t: TomlText, after: { readonly range: readonly [number, number] }, line: string, indent: string): Splice {
  const at = nextLineStart(t.body, after.range[1]);
  const needsBreak = at === t.body.length && !t.body.endsWith('\n');
  // Keep the file's final-newline choice: a file without one still ends without one.
  const text = needsBreak ? `${t.eol}${indent}${line}` : `${indent}${line}${t.eol}`;
  return { start: at, end: at, text };
}

/** Inserts `path = raw` where a person would: in the table that holds the path's parent, or a new table. */
function insertKey(t: TomlText, tree: AST.TOMLProgram, path: KeyPath, raw: string, fileLabel: string): Splice {
  const parent = path.slice(0, -1);
  const leaf = path[path.length - 1] as string;
  // The deepest ancestor written as a value: an inline table takes a dotted key; anything else is no table.
  for (let depth = parent.length; depth >= 1; depth--) {
    const ancestor = findValue(tree, parent.slice(0, depth));
    if (ancestor === null) continue;
    if (ancestor.type !== 'TOMLInlineTable') throw cannot(fileLabel, `${parent.slice(0, depth).join('.')} is not a table.`);
    return insertIntoInline(ancestor, `${path.slice(depth).map(formatKey).join('.')} = ${raw}`);
  }

  // The deepest standard table that is the parent or one of its ancestors, preferring an exact match.
  const tables = standardTables(tree);
  const exact = tables.find((tbl) => tbl.resolvedKey.length === parent.length && tbl.resolvedKey.every((k, i) => k === parent[i]));
  if (exact) {
    const last = exact.body[exact.body.length - 1];
    const key = formatKey(leaf);
    return last ? lineAfter(t, last, `${key} = ${raw}`, indentOf(t.body, last.range[0])) : lineAfter(t, exact, `${key} = ${raw}`, '');
  }
  // Dotted keys that already define the parent (`[tool]` + `maturin.x = 1`, or top-level `tool.maturin.x = 1`).
  const dotted = keyValues(tree).filter((kv) => kv.path.length > parent.length && parent.every((k, i) => kv.path[i] === k));
  const lastDotted = dotted[dotted.length - 1];
  if (lastDotted) {
    const prefix = lastDotted.table ? (lastDotted.table.resolvedKey as string[]) : [];
    const relative = [...parent.slice(prefix.length), leaf].map(formatKey).join('.');
    return lineAfter(t, lastDotted.node, `${relative} = ${raw}`, indentOf(t.body, lastDotted.node.range[0]));
  }
  if (parent.length === 0) {
    // A top-level key belongs before the first table.
    const firstTable = topLevelTableStart(tree);
    const at = firstTable ?? t.body.length;
    const lead = at === t.body.length && t.body.length > 0 && !t.body.endsWith('\n') ? t.eol : '';
    return { start: at, end: at, text: `${lead}${formatKey(leaf)} = ${raw}${t.eol}${firstTable !== null ? t.eol : ''}` };
  }
  // A new table at the end of the file, after a blank line; a file without a final newline keeps lacking one.
  const header = `[${parent.map(formatKey).join('.')}]${t.eol}${formatKey(leaf)} = ${raw}`;
  const end = t.body.length;
  if (end === 0) return { start: 0, end: 0, text: `${header}${t.eol}` };
  if (!t.body.endsWith('\n')) return { start: end, end, text: `${t.eol}${t.eol}${header}` };
  const gap = /\n[ \t]*\r?\n$/.test(t.body) ? '' : t.eol;
  return { start: end, end, text: `${gap}${header}${t.eol}` };
}

function topLevelTableStart(tree: AST.TOMLProgram): number | null {
  const first = tree.body[0].body.find((n) => n.type === 'TOMLTable');
  return first ? first.range[0] : null;
}

function insertIntoInline(table: AST.TOMLInlineTable, entry: string): Splice {
  const last = table.body[table.body.length - 1];
  if (!last) return { start: table.range[0], end: table.range[1], text: `{ ${entry} }` };
  return { start: last.range[1], end: last.range[1], text: `, ${entry}` };
}

function appendToArray(t: TomlText, array: AST.TOMLArray, items: readonly string[]): Splice {
  const last = array.elements[array.elements.length - 1];
  const body = t.body;
  if (!last) return { start: array.range[0], end: array.range[1], text: `[${items.join(', ')}]` };
  const closing = array.range[1] - 1;
  const between = body.slice(last.range[1], closing);
  const trailingComma = /^\s*,/.test(between.replace(/#[^\n]*/g, ''));
  const multiline = array.loc.start.line !== array.loc.end.line && last.loc.end.line !== array.loc.end.line;
  if (!multiline) {
    if (trailingComma) {
      const comma = body.indexOf(',', last.range[1]);
      return { start: comma + 1, end: comma + 1, text: ` ${items.join(', ')},` };
    }
    return { start: last.range[1], end: last.range[1], text: `, ${items.join(', ')}` };
  }
  // One item per line, indented like the last one; keep a comment after the last item where it is.
  const indent = indentOf(body, last.range[0]);
  const lines = items.map((item) => `${t.eol}${indent}${item}`);
  if (trailingComma) {
    const comma = body.indexOf(',', last.range[1]);
    const end = lineEnd(body, comma);
    return { start: end, end, text: lines.map((l) => `${l},`).join('') };
  }
  const end = lineEnd(body, last.range[1]);
  const rest = body.slice(last.range[1], end);
  return { start: last.range[1], end, text: `,${rest}${lines.join(',')}` };
}

/** The result must parse and equal the original with exactly the intended changes. */
function verify(before: string, after: string, changes: readonly TomlChange[], fileLabel: string): void {
  let actual: unknown;
  try {
    actual = parse(after.replace(/^\uFEFF/, ''));
  } catch {
    throw cannot(fileLabel, 'the edited text would not be valid TOML.');
  }
  const expected = parse(before.replace(/^\uFEFF/, '')) as Record<string, unknown>;
  for (const change of changes) applyToValue(expected, change);
  if (!tomlValuesEqual(actual, expected)) throw cannot(fileLabel, 'the edit would change more than intended.');
}

function applyToValue(root: Record<string, unknown>, change: TomlChange): void {
  let node = root;
  for (const key of change.path.slice(0, -1)) {
    const next = node[key];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  const leaf = change.path[change.path.length - 1] as string;
  if (change.kind === 'set') {
    node[leaf] = change.value;
    return;
  }
  const current = Array.isArray(node[leaf]) ? (node[leaf] as unknown[]) : [];
  node[leaf] = [...current, ...change.items.filter((item) => !current.some((c) => tomlValuesEqual(c, item)))];
}


// Writes small TOML values the way a person would: bare keys where allowed, one-line arrays and
// inline tables, and the quote style the file already prefers.

export type TomlInput = string | number | boolean | readonly TomlInput[] | { readonly [key: string]: TomlInput };

export type QuoteStyle = 'basic' | 'literal';

export function formatKey(key: string): string {
  return /^[A-Za-z0-9_-]+$/.test(key) ? key : basicString(key);
}

export function basicString(value: string): string {
  const escaped = value.replace(/[\\"\u0000-\u001f\u007f]/g, (c) => {
    const named: Record<string, string> = { '\\': '\\\\', '"': '\\"', '\b': '\\b', '\t': '\\t', '\n': '\\n', '\f': '\\f', '\r': '\\r' };
    return named[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
  return `"${escaped}"`;
}

export function formatString(value: string, style: QuoteStyle): string {
  const literalOk = !/['\u0000-\u0008\u000a-\u001f\u007f]/.test(value);
  return style === 'literal' && literalOk ? `'${value}'` : basicString(value);
}

export function formatValue(value: TomlInput, style: QuoteStyle): string {
  if (typeof value === 'string') return formatString(value, style);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map((v: TomlInput) => formatValue(v, style)).join(', ')}]`;
  const entries = Object.entries(value as { readonly [key: string]: TomlInput });
  if (entries.length === 0) return '{}';
  return `{ ${entries.map(([k, v]) => `${formatKey(k)} = ${formatValue(v, style)}`).join(', ')} }`;
}

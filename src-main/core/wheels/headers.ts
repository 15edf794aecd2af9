import type { WheelTags } from '../../common/domain';
import type { WheelFileFacts, WheelMetadata } from '../../common/wheel-report';

// WHEEL and METADATA use the email header format: `Key: value` lines, continuation lines indented,
// then (METADATA only) a blank line and the long description as the body.

export type Headers = ReadonlyMap<string, readonly string[]>;

/** Header values by lower-cased key, in order; repeated keys (Tag, Requires-Dist) keep every value. */
export function parseHeaders(text: string): Headers {
  const headers = new Map<string, string[]>();
  let last: string[] | null = null;
  for (const line of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    if (line === '') break;
    if (/^[ \t]/.test(line) && last) {
      last[last.length - 1] += `\n${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) {
      last = null;
      continue;
    }
    const key = line.slice(0, colon).trim().toLowerCase();
    const values = headers.get(key) ?? [];
    values.push(line.slice(colon + 1).trim());
    headers.set(key, values);
    last = values;
  }
  return headers;
}

const first = (headers: Headers, key: string): string | null => headers.get(key)?.[0] ?? null;

export function readWheelFile(text: string): WheelFileFacts {
  const headers = parseHeaders(text);
  const purelib = first(headers, 'root-is-purelib')?.toLowerCase();
  const tags: WheelTags[] = [];
  for (const tag of headers.get('tag') ?? []) {
    const [python, abi, platform] = tag.split('-');
    if (python && abi && platform) tags.push({ python, abi, platform });
  }
  return {
    wheelVersion: first(headers, 'wheel-version'),
    generator: first(headers, 'generator'),
    rootIsPurelib: purelib === 'true' ? true : purelib === 'false' ? false : null,
    tags,
  };
}

export function readMetadata(text: string): WheelMetadata {
  const headers = parseHeaders(text);
  return {
    metadataVersion: first(headers, 'metadata-version'),
    name: first(headers, 'name'),
    version: first(headers, 'version'),
    summary: first(headers, 'summary'),
    author: first(headers, 'author'),
    authorEmail: first(headers, 'author-email'),
    maintainer: first(headers, 'maintainer'),
    maintainerEmail: first(headers, 'maintainer-email'),
    license: first(headers, 'license-expression') ?? first(headers, 'license'),
    requiresPython: first(headers, 'requires-python'),
    requiresDist: headers.get('requires-dist') ?? [],
  };
}

import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkRecord, parseCsv } from '../../../src-main/core/wheels/record';
import type { EntryDigest } from '../../../src-main/core/wheels/zip/entry-digest';

const RECORD = 'demo-1.0.dist-info/RECORD';

function digest(name: string, data: string): EntryDigest {
  const bytes = Buffer.from(data);
  return {
    entry: { name, compressedSize: bytes.length, uncompressedSize: bytes.length, method: 8, encrypted: false, isDirectory: false },
    hash: `sha256=${createHash('sha256').update(bytes).digest('base64url')}`,
    size: bytes.length,
    head: Buffer.alloc(0),
    body: null,
    failure: null,
  };
}

const row = (name: string, data: string) => `${name},sha256=${createHash('sha256').update(data).digest('base64url')},${Buffer.byteLength(data)}`;

describe('RECORD', () => {
  it('parses CSV with quoted fields, doubled quotes and CRLF', () => {
    expect(parseCsv('a,b,c\r\n"x,y","say ""hi""",3\n\n').map((r) => r.fields)).toEqual([
      ['a', 'b', 'c'],
      ['x,y', 'say "hi"', '3'],
    ]);
  });

  it('accepts a RECORD that lists every file with its sha256 and size', () => {
    const files = [digest('demo/__init__.py', 'x = 1\n'), digest('demo-1.0.dist-info/METADATA', 'Name: demo\n'), digest(RECORD, '')];
    const text = [row('demo/__init__.py', 'x = 1\n'), row('demo-1.0.dist-info/METADATA', 'Name: demo\n'), `${RECORD},,`].join('\n');
    expect(checkRecord(RECORD, text, files)).toEqual({ summary: { status: 'ok', listed: 3, verified: 2 }, problems: [] });
  });

  it('names a changed file, a file not listed, a listed file that is missing, and a size that lies', () => {
    const files = [digest('demo/__init__.py', 'x = 2\n'), digest('demo/extra.py', ''), digest('demo/data.txt', 'abc'), digest(RECORD, '')];
    const text = [
      row('demo/__init__.py', 'x = 1\n'),
      row('demo/gone.py', 'y'),
      `demo/data.txt,sha256=${createHash('sha256').update('abc').digest('base64url')},4`,
      `${RECORD},,`,
    ].join('\n');
    const { summary, problems } = checkRecord(RECORD, text, files);
    expect(summary.status).toBe('problems');
    expect(problems.map((p) => [p.id, p.file])).toEqual([
      ['record.hash-mismatch', 'demo/__init__.py'],
      ['record.unlisted', 'demo/extra.py'],
      ['record.size-mismatch', 'demo/data.txt'],
      ['record.missing-file', 'demo/gone.py'],
    ]);
    expect(problems[0]?.message).toBe('demo/__init__.py does not match its RECORD hash (line 1): the file was changed after the wheel was built, and installers that check RECORD (uv, installer) refuse the wheel.');
    expect(problems[3]?.message).toContain('RECORD lists demo/gone.py (line 2), but the wheel does not contain it');
    expect(problems.every((p) => p.severity === 'error' && p.fix)).toBe(true);
  });

  it('refuses md5 and missing hashes, and only size-checks sha512', () => {
    const files = [digest('a.py', 'a'), digest('b.py', 'b'), digest('c.py', 'c'), digest(RECORD, '')];
    const text = ['a.py,md5=xyz,1', 'b.py,,1', 'c.py,sha512=whatever,1', `${RECORD},,`].join('\n');
    const ids = checkRecord(RECORD, text, files).problems.map((p) => `${p.id}:${p.severity}`);
    expect(ids).toEqual(['record.weak-hash:error', 'record.no-hash:error', 'record.hash-unchecked:info']);
  });

  it('leaves entries that could not be read to the archive checks', () => {
    const unread: EntryDigest = { ...digest('big.bin', ''), hash: null, size: null, failure: 'not unpacked' };
    const text = ['big.bin,sha256=abc,5000000000', `${RECORD},,`].join('\n');
    expect(checkRecord(RECORD, text, [unread, digest(RECORD, '')]).problems).toEqual([]);
  });
});

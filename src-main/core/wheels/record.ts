import type { RecordSummary, WheelProblem } from '../../common/wheel-report';
import type { EntryDigest } from './zip/entry-digest';

// RECORD (PEP 376 / the wheel spec): one CSV row per file — path, `algo=urlsafe-b64-digest`, size.
// Every file must be listed with a matching sha256 and size; nothing extra, nothing missing.

export interface RecordRow {
  readonly path: string;
  readonly hash: string;
  readonly size: string;
  readonly line: number;
}

/** Splits RFC 4180 CSV (quotes, doubled quotes, CRLF). Rows with no fields are dropped. */
export function parseCsv(text: string): { fields: string[]; line: number }[] {
  const rows: { fields: string[]; line: number }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  const endRow = () => {
    fields.push(field);
    if (fields.length > 1 || fields[0] !== '') rows.push({ fields, line: rowLine });
    fields = [];
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        field += c;
      }
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRow();
      line++;
      rowLine = line;
    } else field += c;
  }
  if (field !== '' || fields.length > 0) endRow();
  return rows;
}

export function parseRecord(text: string): { rows: RecordRow[]; malformedLines: number[] } {
  const rows: RecordRow[] = [];
  const malformedLines: number[] = [];
  for (const { fields, line } of parseCsv(text)) {
    if (fields.length !== 3 || !fields[0]) malformedLines.push(line);
    else rows.push({ path: fields[0], hash: fields[1] as string, size: fields[2] as string, line });
  }
  return { rows, malformedLines };
}

const STRONG_HASHES = new Set(['sha256', 'sha384', 'sha512']);
const FIX_REBUILD = { summary: 'Rebuild the wheel instead of editing it; to change a built wheel use `wheel unpack` and `wheel pack`, which rewrite RECORD.' };

/** Compares RECORD with what the archive really holds. */
export function checkRecord(recordPath: string, text: string, digests: readonly EntryDigest[]): { summary: RecordSummary; problems: WheelProblem[] } {
  const problems: WheelProblem[] = [];
  const problem = (id: string, message: string, file?: string) => problems.push({ id, severity: 'error', message, ...(file ? { file } : {}), fix: FIX_REBUILD });
  const { rows, malformedLines } = parseRecord(text);
  if (malformedLines.length > 0) {
    problem('record.malformed', `RECORD has ${malformedLines.length} malformed line(s) (line ${malformedLines.slice(0, 5).join(', ')}): each must be path,hash,size.`, recordPath);
  }
  const byPath = new Map<string, RecordRow>();
  for (const row of rows) {
    if (byPath.has(row.path)) problems.push({ id: 'record.duplicate', severity: 'warn', message: `RECORD lists ${row.path} twice (lines ${byPath.get(row.path)?.line} and ${row.line}).`, file: row.path });
    byPath.set(row.path, row);
  }
  const signatures = new Set([`${recordPath}.jws`, `${recordPath}.p7s`]);
  const present = new Set(digests.map((d) => d.entry.name));
  let verified = 0;
  for (const digest of digests) {
    const path = digest.entry.name;
    const row = byPath.get(path);
    if (path === recordPath || signatures.has(path)) continue;
    if (!row) {
      problem('record.unlisted', `${path} is in the wheel but not in RECORD: installers put it in place but cannot uninstall it, and nothing vouches for its content.`, path);
      continue;
    }
    if (digest.hash === null || digest.size === null) continue; // unreadable: reported with the archive problems
    const [algorithm, value] = row.hash.split('=', 2);
    if (!row.hash) {
      problem('record.no-hash', `RECORD lists ${path} without a hash (line ${row.line}).`, path);
    } else if (!algorithm || !STRONG_HASHES.has(algorithm)) {
      problem('record.weak-hash', `RECORD hashes ${path} with ${algorithm || 'nothing'}; wheels must use sha256 or stronger (line ${row.line}).`, path);
    } else if (algorithm !== 'sha256') {
      problems.push({ id: 'record.hash-unchecked', severity: 'info', message: `RECORD hashes ${path} with ${algorithm}; Wheelbench checks sha256 hashes, so only its size was compared.`, file: path });
    } else if (`sha256=${value}` !== digest.hash) {
      problem('record.hash-mismatch', `${path} does not match its RECORD hash (line ${row.line}): the file was changed after the wheel was built, and installers that check RECORD (uv, installer) refuse the wheel.`, path);
      continue;
    }
    if (row.size !== String(digest.size)) {
      problem('record.size-mismatch', `${path} is ${digest.size} bytes but RECORD says ${row.size || 'nothing'} (line ${row.line}).`, path);
      continue;
    }
    if (algorithm === 'sha256' && row.hash) verified++;
  }
  for (const row of rows) {
    if (!present.has(row.path) && !row.path.endsWith('/')) {
      problem('record.missing-file', `RECORD lists ${row.path} (line ${row.line}), but the wheel does not contain it: something was removed after the build.`, row.path);
    }
  }
  const failed = problems.some((p) => p.severity === 'error');
  return { summary: { status: failed ? 'problems' : 'ok', listed: rows.length, verified }, problems };
}

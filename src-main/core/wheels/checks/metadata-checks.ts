import type { WheelFileFacts, WheelMetadata, WheelProblem } from '../../../common/wheel-report';
import type { WheelName } from '../wheel-name';

// The wheel's own description of itself: its .dist-info folder, METADATA and WHEEL must agree with
// the file name, and the author fields must be what PyPI accepts.

/** The form names take in wheel file names and .dist-info folders (PEP 427 / PEP 503). */
export const normalizeName = (name: string): string => name.toLowerCase().replace(/[-_.]+/g, '_');
const normalizeVersion = (version: string): string => version.toLowerCase().replace(/-/g, '_');

export function checkDistInfo(name: WheelName, distInfoDirs: readonly string[]): WheelProblem[] {
  const expected = `${name.distribution}-${name.version}.dist-info`;
  if (distInfoDirs.length === 0) {
    return [{ id: 'dist-info.missing', severity: 'error', message: `The wheel has no .dist-info folder (expected ${expected}/): it is not a wheel installers can use.`, fix: { summary: 'Rebuild it with maturin (or another PEP 517 backend).' } }];
  }
  if (distInfoDirs.length > 1) {
    return [{ id: 'dist-info.several', severity: 'error', message: `The wheel has ${distInfoDirs.length} .dist-info folders (${distInfoDirs.join(', ')}); installers require exactly one.`, fix: { summary: 'Rebuild the wheel from a clean build directory.' } }];
  }
  const dir = distInfoDirs[0] as string;
  const [dist, ...rest] = dir.replace(/\.dist-info$/, '').split('-');
  if (normalizeName(dist ?? '') !== normalizeName(name.distribution) || normalizeVersion(rest.join('-')) !== normalizeVersion(name.version)) {
    return [{ id: 'dist-info.name-mismatch', severity: 'error', message: `The metadata folder is ${dir}/ but the file name says ${expected}/: pip rejects the wheel ("has an invalid .dist-info directory").`, fix: { summary: 'Do not rename wheel files; rebuild with the name and version you want.' } }];
  }
  return [];
}

export function checkWheelFile(wheel: WheelFileFacts | null, wheelPath: string): WheelProblem[] {
  if (!wheel) return [{ id: 'wheel-file.missing', severity: 'error', message: 'The wheel has no .dist-info/WHEEL file: installers cannot tell how to install it.', file: wheelPath }];
  const problems: WheelProblem[] = [];
  const major = Number(wheel.wheelVersion?.split('.')[0]);
  if (!wheel.wheelVersion || !Number.isFinite(major)) {
    problems.push({ id: 'wheel-file.no-version', severity: 'error', message: 'WHEEL has no Wheel-Version line.', file: wheelPath });
  } else if (major !== 1) {
    problems.push({ id: 'wheel-file.version', severity: 'error', message: `WHEEL says Wheel-Version: ${wheel.wheelVersion}; installers only understand 1.x.`, file: wheelPath });
  }
  if (wheel.rootIsPurelib === null) {
    problems.push({ id: 'wheel-file.no-purelib', severity: 'error', message: 'WHEEL has no valid Root-Is-Purelib line (true or false).', file: wheelPath });
  }
  return problems;
}

export function checkMetadata(name: WheelName, metadata: WheelMetadata | null, metadataPath: string): WheelProblem[] {
  if (!metadata) return [{ id: 'metadata.missing', severity: 'error', message: 'The wheel has no .dist-info/METADATA: installers cannot read its name, version or dependencies.', file: metadataPath }];
  const problems: WheelProblem[] = [];
  const at = { file: metadataPath };
  if (!metadata.metadataVersion) problems.push({ id: 'metadata.no-metadata-version', severity: 'error', message: 'METADATA has no Metadata-Version field.', ...at });
  if (!metadata.name) problems.push({ id: 'metadata.no-name', severity: 'error', message: 'METADATA has no Name field.', ...at });
  else if (normalizeName(metadata.name) !== normalizeName(name.distribution)) {
    problems.push({ id: 'metadata.name-mismatch', severity: 'error', message: `METADATA names the project "${metadata.name}" but the file name says "${name.distribution}".`, ...at, fix: { summary: 'Do not rename wheel files; set [project] name in pyproject.toml and rebuild.' } });
  }
  if (!metadata.version) problems.push({ id: 'metadata.no-version', severity: 'error', message: 'METADATA has no Version field.', ...at });
  else if (normalizeVersion(metadata.version) !== normalizeVersion(name.version)) {
    problems.push({ id: 'metadata.version-mismatch', severity: 'error', message: `METADATA says version ${metadata.version} but the file name says ${name.version}: pip refuses the wheel.`, ...at, fix: { summary: 'Do not rename wheel files; set the version in pyproject.toml or Cargo.toml and rebuild.' } });
  }
  problems.push(...checkEmails('Author-email', metadata.authorEmail, metadataPath), ...checkEmails('Maintainer-email', metadata.maintainerEmail, metadataPath));
  return problems;
}

/** Splits `A <a@x>, "B, C" <b@x>` on the commas between addresses, not inside quotes or brackets. */
export function splitAddresses(value: string): string[] {
  const out: string[] = [];
  let current = '';
  let quoted = false;
  let angle = false;
  for (const c of value) {
    if (c === '"') quoted = !quoted;
    else if (c === '<' && !quoted) angle = true;
    else if (c === '>' && !quoted) angle = false;
    if (c === ',' && !quoted && !angle) {
      out.push(current.trim());
      current = '';
    } else current += c;
  }
  if (current.trim()) out.push(current.trim());
  return out;
}

const EMAIL = /^[^\s@<>",]+@[^\s@<>",]+\.[^\s@<>",]+$/;

function checkEmails(field: string, value: string | null, metadataPath: string): WheelProblem[] {
  if (!value) return [];
  const bad = splitAddresses(value).filter((address) => {
    const inBrackets = /<([^>]*)>\s*$/.exec(address)?.[1];
    return !EMAIL.test((inBrackets ?? address).trim());
  });
  if (bad.length === 0) return [];
  return [
    {
      id: 'metadata.bad-email',
      severity: 'error',
      message: `METADATA ${field} has ${bad.length === 1 ? 'an entry' : 'entries'} that is not "Name <address>" or an address: ${bad.map((b) => JSON.stringify(b)).join(', ')}. PyPI rejects the upload ("is an invalid value for ${field}").`,
      file: metadataPath,
      fix: { summary: 'In pyproject.toml use authors = [{ name = "…", email = "…" }] (names with commas are quoted for you), and build with maturin ≥ 1.9.2, which writes these fields correctly.' },
    },
  ];
}

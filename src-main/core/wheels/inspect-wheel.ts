import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Severity } from '../../common/domain';
import { WheelbenchError } from '../../common/errors';
import type { AuditResult, NativeBinary, WheelFileFacts, WheelMetadata, WheelProblem, WheelReport } from '../../common/wheel-report';
import type { ToolchainContext } from '../toolchain/context';
import { auditAbi3 } from './audits/abi3audit';
import { auditManylinux } from './audits/auditwheel';
import { auditBrokeDown, auditsFor, discardAudits, prestartAudits, type PrestartedAudits } from './audits/audit-tool';
import { nativeFormat, readBinary } from './binary/read-binary';
import { checkBinaries, type BinaryUnderCheck } from './checks/binary-checks';
import { checkDistInfo, checkMetadata, checkWheelFile } from './checks/metadata-checks';
import { checkTags } from './checks/tag-checks';
import { readMetadata, readWheelFile } from './headers';
import { checkRecord } from './record';
import { extensionModuleOf, importableModules } from './wheel-layout';
import { platformFacts } from './platform-tags';
import { parseWheelFileName, type WheelName } from './wheel-name';
import { bufferSource, entrySource } from './zip/byte-source';
import { digestEntries, type EntryDigest } from './zip/entry-digest';
import { NotAZipError, ZipArchive, type ZipEntryInfo } from './zip/zip-archive';

// The wheel inspector: one streaming pass over the archive (hashes, sizes, binary headers), the
// static checks on what it found, then the external audits (auditwheel, abi3audit) side by side.

export interface InspectOptions {
  /** Run auditwheel/abi3audit (a second or more) besides the built-in checks (milliseconds). Default true. */
  readonly audits?: boolean;
}

const MAX_TEXT_BYTES = 16 * 1024 * 1024;
/** Extension modules up to this size are parsed from memory; larger ones by re-reading the entry. */
const MAX_BINARY_IN_MEMORY = 64 * 1024 * 1024;
const LARGEST_FILES = 100;
const SEVERITY_ORDER: Readonly<Record<Severity, number>> = { error: 0, warn: 1, info: 2 };

export async function inspectWheel(path: string, ctx: ToolchainContext, options: InspectOptions = {}): Promise<WheelReport> {
  if (options.audits === false) return inspectArchive(path);
  // The audit tools import while the archive is read (its name already says which ones apply), unless
  // this very file was audited before: then their verdicts are cached, and starting them only takes
  // CPU from the inspection.
  const memo = auditMemo(ctx, path);
  const tags = parseWheelFileName(basename(path))?.tags ?? [];
  const prestarted = memo?.known ? {} : prestartAudits(ctx, auditsFor({ linux: tags.some((t) => platformFacts(t.platform).os === 'linux'), abi3: tags.some((t) => t.abi === 'abi3') }));
  try {
    const report = await addAudits(await inspectArchive(path), ctx, prestarted);
    if (!auditBrokeDown(report.audits.manylinux) && !auditBrokeDown(report.audits.abi3)) memo?.remember(report);
    return report;
  } finally {
    discardAudits(prestarted);
  }
}

const AUDIT_MEMO_MS = 30 * 24 * 3600 * 1000;

/** Whether this file, unchanged (path, size, time, inode), has been audited before; kept in the probe cache. */
function auditMemo(ctx: ToolchainContext, path: string): { readonly known: boolean; remember(report: WheelReport): void } | null {
  const cache = ctx.probeCache;
  if (!cache) return null;
  const key = cache.keyFor(resolve(path), ['audited'], []);
  return {
    known: cache.getTimed<string>(key, AUDIT_MEMO_MS) !== undefined,
    remember: (report) => cache.setTimed(key, report.auditDigest),
  };
}

/** The built-in checks alone: milliseconds, no external tools. */
export async function inspectArchive(path: string): Promise<WheelReport> {
  const started = performance.now();
  const wheelPath = resolve(path);
  const fileName = basename(wheelPath);
  const name = parseWheelFileName(fileName);
  const notAWheel = (why: string) => new WheelbenchError({ code: 'malformed-input', message: `${fileName} is not a wheel: ${why}.`, file: wheelPath });
  if (!name) throw notAWheel('a wheel file is named {name}-{version}(-{build})-{python}-{abi}-{platform}.whl');
  const info = await stat(wheelPath).catch(() => null);
  if (!info) throw new WheelbenchError({ code: 'not-found', message: `${wheelPath} does not exist.`, file: wheelPath });
  if (!info.isFile()) throw notAWheel('it is a folder, not a file');

  let archive: ZipArchive;
  try {
    archive = await ZipArchive.open(wheelPath);
  } catch (error) {
    if (error instanceof NotAZipError) throw notAWheel(error.message);
    throw error;
  }
  try {
    const distInfoDirs = [...new Set(archive.entries.map((e) => /^([^/]+\.dist-info)\//.exec(e.name)?.[1]).filter((d): d is string => !!d))];
    const distInfo = distInfoDirs.length === 1 ? (distInfoDirs[0] as string) : `${name.distribution}-${name.version}.dist-info`;
    const metaFiles = new Set([`${distInfo}/RECORD`, `${distInfo}/WHEEL`, `${distInfo}/METADATA`]);
    const digests = await digestEntries(archive, {
      keepBody: (e) => (metaFiles.has(e.name) && e.uncompressedSize <= MAX_TEXT_BYTES) || (extensionModuleOf(e.name) !== null && e.uncompressedSize <= MAX_BINARY_IN_MEMORY),
      keepHead: (head) => nativeFormat(head) !== null,
    });
    const byName = new Map(digests.map((d) => [d.entry.name, d]));
    const text = (file: string) => byName.get(file)?.body?.toString('utf8') ?? null;
    const wheelText = text(`${distInfo}/WHEEL`);
    const metadataText = text(`${distInfo}/METADATA`);
    const recordText = text(`${distInfo}/RECORD`);
    const wheelFile = wheelText === null ? null : readWheelFile(wheelText);
    const metadata = metadataText === null ? null : readMetadata(metadataText);

    const binaries = await readBinaries(archive, digests);
    const record = recordText === null
      ? { summary: { status: 'missing', listed: 0, verified: 0 } as const, problems: [{ id: 'record.missing', severity: 'error', message: `The wheel has no ${distInfo}/RECORD: nothing says which files belong to it, and installers refuse it.`, fix: { summary: 'Rebuild the wheel with maturin (or another PEP 517 backend).' } } as WheelProblem] }
      : checkRecord(`${distInfo}/RECORD`, recordText, digests);

    const problems = [
      ...archiveProblems(archive, digests),
      ...checkDistInfo(name, distInfoDirs),
      ...checkWheelFile(wheelFile, `${distInfo}/WHEEL`),
      ...checkMetadata(name, metadata, `${distInfo}/METADATA`),
      ...record.problems,
      ...checkTags(name.tags, wheelFile, `${distInfo}/WHEEL`, binaries.checked.length > 0),
      ...binaries.problems,
      ...checkBinaries(binaries.checked, name.tags),
    ];
    return assembleReport({ wheelPath, fileName, size: info.size, name, wheelFile, metadata, record: record.summary, digests, binaries: binaries.checked, problems, started });
  } finally {
    await archive.close();
  }
}

/**
 * Adds auditwheel's and abi3audit's verdicts (run side by side) to a report of the built-in checks;
 * tools started ahead of time are used when the verdict is not already known (callers stop the rest).
 */
export async function addAudits(report: WheelReport, ctx: ToolchainContext, prestarted: PrestartedAudits = {}): Promise<WheelReport> {
  const started = performance.now();
  const hasElf = report.binaries.some((b) => b.format === 'elf');
  const [manylinux, abi3] = await Promise.all([
    auditManylinux(ctx, report, hasElf, prestarted.auditwheel),
    auditAbi3(ctx, report, report.binaries.length > 0, prestarted.abi3audit),
  ]);
  const problems = sortProblems([...report.problems, ...manylinux.problems, ...abi3.problems]);
  return {
    ...report,
    audits: { manylinux: manylinux.result, abi3: abi3.result },
    problems,
    verdict: verdictOf(problems),
    durationMs: report.durationMs + Math.round(performance.now() - started),
  };
}

const sortProblems = (problems: readonly WheelProblem[]) => [...problems].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
const verdictOf = (problems: readonly WheelProblem[]): WheelReport['verdict'] =>
  problems.some((p) => p.severity === 'error') ? 'error' : problems.some((p) => p.severity === 'warn') ? 'warn' : 'ok';

function notAudited(tool: AuditResult['tool']): AuditResult {
  return { tool, status: 'not-run', verdict: 'not run yet', detail: `${tool} has not run on this wheel.` };
}

async function readBinaries(archive: ZipArchive, digests: readonly EntryDigest[]): Promise<{ checked: BinaryUnderCheck[]; problems: WheelProblem[] }> {
  const checked: BinaryUnderCheck[] = [];
  const problems: WheelProblem[] = [];
  for (const digest of digests) {
    const path = digest.entry.name;
    const moduleName = extensionModuleOf(path);
    const format = digest.size === null ? null : nativeFormat(digest.head);
    if (!format) {
      if (moduleName && digest.size !== null) {
        problems.push({ id: 'binary.not-native', severity: 'error', message: `${path} is named like an extension module but is not a native binary (no ELF, PE or Mach-O header): \`import ${moduleName.module}\` fails.`, file: path });
      }
      continue;
    }
    const source = digest.body ? bufferSource(digest.body) : entrySource(archive, path, digest.size ?? 0, digest.head);
    const reading = await readBinary(format, source, moduleName !== null);
    if (!reading.ok) {
      problems.push({ id: 'binary.unreadable', severity: moduleName ? 'error' : 'warn', message: `${path} starts like ${format === 'pe' ? 'a PE' : format === 'elf' ? 'an ELF' : 'a Mach-O'} binary but cannot be parsed: ${reading.reason}.`, file: path });
      continue;
    }
    const { facts } = reading;
    const initExports = facts.slices.map((s) => s.initExports);
    const exportsInit = !moduleName || initExports.some((e) => e === null) ? null : initExports.every((e) => (e as readonly string[]).includes(moduleName.initSymbol));
    checked.push({
      path,
      format: facts.format,
      architectures: facts.slices.map((s) => s.arch),
      sizeBytes: digest.size ?? digest.entry.uncompressedSize,
      module: moduleName ? { name: moduleName.module, initSymbol: moduleName.initSymbol, exportsInit: moduleName.asciiName ? exportsInit : null, suffix: moduleName.suffix } : null,
      needs: facts.needs,
      linkage: facts.linkage ?? null,
      moduleName,
      exportsNote: facts.note ?? (moduleName && !moduleName.asciiName ? 'non-ASCII module names use a PyInitU_ (punycode) symbol, which Wheelbench does not check' : null),
    });
  }
  return { checked, problems };
}

function archiveProblems(archive: ZipArchive, digests: readonly EntryDigest[]): WheelProblem[] {
  const problems: WheelProblem[] = [];
  for (const name of new Set(archive.duplicates)) {
    problems.push({ id: 'zip.duplicate-entry', severity: 'error', message: `${name} appears more than once in the archive: installers may unpack either copy.`, file: name, fix: { summary: 'Rebuild the wheel from a clean build directory.' } });
  }
  for (const digest of digests) {
    if (digest.failure === null) continue;
    const bomb = digest.failure.startsWith('not unpacked');
    problems.push({
      id: bomb ? 'zip.expansion-refused' : 'zip.entry-unreadable',
      severity: 'error',
      message: `${digest.entry.name}: ${digest.failure}. Its RECORD hash was not checked.`,
      file: digest.entry.name,
      ...(bomb ? {} : { fix: { summary: 'Rebuild the wheel or download it again.' } }),
    });
  }
  return problems;
}

interface Assembly {
  readonly wheelPath: string;
  readonly fileName: string;
  readonly size: number;
  readonly name: WheelName;
  readonly wheelFile: WheelFileFacts | null;
  readonly metadata: WheelMetadata | null;
  readonly record: WheelReport['record'];
  readonly digests: readonly EntryDigest[];
  readonly binaries: readonly BinaryUnderCheck[];
  readonly problems: readonly WheelProblem[];
  readonly started: number;
}

function assembleReport(a: Assembly): WheelReport {
  const files = a.digests.map(({ entry }: { entry: ZipEntryInfo }) => ({ path: entry.name, sizeBytes: entry.uncompressedSize, compressedBytes: entry.compressedSize }));
  return {
    path: a.wheelPath,
    fileName: a.fileName,
    sizeBytes: a.size,
    distribution: a.name.distribution,
    version: a.name.version,
    tags: a.name.tags,
    wheelFile: a.wheelFile,
    metadata: a.metadata,
    record: a.record,
    binaries: a.binaries.map(({ moduleName: _m, exportsNote: _n, ...binary }): NativeBinary => binary),
    importNames: importableModules(a.digests.map((d) => d.entry.name)),
    audits: { manylinux: notAudited('auditwheel'), abi3: notAudited('abi3audit') },
    fileCount: files.length,
    unpackedBytes: files.reduce((sum, f) => sum + f.sizeBytes, 0),
    largestFiles: [...files].sort((x, y) => y.sizeBytes - x.sizeBytes).slice(0, LARGEST_FILES),
    problems: sortProblems(a.problems),
    verdict: verdictOf(a.problems),
    durationMs: Math.round(performance.now() - a.started),
    auditDigest: auditDigestOf(a.fileName, a.digests),
  };
}

function auditDigestOf(fileName: string, digests: readonly EntryDigest[]): string | null {
  const audited = digests.filter((d) => d.entry.name.endsWith('.dist-info/WHEEL') || nativeFormat(d.head) !== null || extensionModuleOf(d.entry.name) !== null);
  if (audited.some((d) => d.hash === null)) return null;
  const lines = audited.map((d) => `${d.entry.name}\0${d.hash}\0${d.size}`).sort();
  return createHash('sha256').update([fileName, ...lines].join('\n')).digest('hex');
}

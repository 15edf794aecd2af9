import { rename } from 'node:fs/promises';
import { WheelbenchError } from '../../common/errors';
import type { WheelReport } from '../../common/wheel-report';
import type { ToolchainContext } from '../toolchain/context';
import { discardAudits, type PrestartedAudits } from './audits/audit-tool';
import { addAudits, inspectArchive } from './inspect-wheel';

// The build job's hooks: a wheel leaves the partial directory only when its archive checks pass (it
// opens, and RECORD matches every file); the audits then run on it where it ends up.

/** A wheel whose archive and RECORD check out, still where maturin wrote it. */
export interface CheckedWheel {
  readonly path: string;
  readonly report: WheelReport;
}

export async function checkBuiltWheel(partialPath: string): Promise<CheckedWheel> {
  const checked = await inspectArchive(partialPath);
  if (checked.record.status !== 'ok') {
    const why = checked.problems.find((p) => p.id.startsWith('record.') || p.id.startsWith('zip.'))?.message ?? 'its RECORD does not match its files';
    throw new WheelbenchError({ code: 'internal', message: `The wheel the build wrote is not intact, so it was not kept: ${why}` });
  }
  return { path: partialPath, report: checked };
}

export async function placeAndAuditWheel(checked: CheckedWheel, finalPath: string, ctx: ToolchainContext, prestarted: PrestartedAudits = {}): Promise<WheelReport> {
  try {
    await rename(checked.path, finalPath);
    return await addAudits({ ...checked.report, path: finalPath }, ctx, prestarted);
  } finally {
    discardAudits(prestarted);
  }
}

const SEVERITY_COLOUR = { error: '31', warn: '33', info: '2' } as const;

/** What the build's terminal says about a wheel it produced. */
export function inspectionLines(report: WheelReport): string {
  const { manylinux, abi3 } = report.audits;
  const facts = [
    `RECORD ${report.record.status === 'ok' ? `ok (${report.record.verified} files)` : report.record.status}`,
    ...report.binaries.map((b) => `${b.path}: ${b.format} ${b.architectures.join('+')}${b.module ? `, exports ${b.module.initSymbol}: ${b.module.exportsInit === null ? '?' : b.module.exportsInit ? 'yes' : 'NO'}` : ''}`),
    ...[manylinux, abi3].filter((a) => a.status !== 'not-applicable').map((a) => `${a.tool}: ${a.verdict}`),
  ];
  const lines = [`\x1b[1mInspected ${report.fileName}\x1b[0m — ${facts.join(' · ')}`];
  for (const p of report.problems) lines.push(`  \x1b[${SEVERITY_COLOUR[p.severity]}m${p.severity}\x1b[0m ${p.message}`);
  return `${lines.join('\r\n')}\r\n`;
}

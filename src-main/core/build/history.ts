import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { HistoryEntry, LargestProcess } from '../../common/domain';
import { rerunLine } from './rerun-line';

const historyFile = (dataDir: string) => join(dataDir, 'history.jsonl');

export async function appendHistory(dataDir: string, entry: Omit<HistoryEntry, 'at' | 'rerun'>): Promise<void> {
  await mkdir(dataDir, { recursive: true });
  await appendFile(historyFile(dataDir), `${JSON.stringify({ at: new Date().toISOString(), ...entry })}\n`);
}

/** Past builds, newest first; a damaged line is skipped, never fatal. */
export async function readHistory(dataDir: string, filter: { projectDir?: string; limit?: number } = {}): Promise<HistoryEntry[]> {
  let text: string;
  try {
    text = await readFile(historyFile(dataDir), 'utf8');
  } catch {
    return [];
  }
  const entries = text.split('\n').flatMap((line) => {
    if (!line.trim()) return [];
    try {
      const entry = JSON.parse(line) as HistoryEntry;
      return [{ ...entry, rerun: rerunLine(entry) }];
    } catch {
      return [];
    }
  });
  return entries
    .filter((e) => !filter.projectDir || e.projectDir === filter.projectDir)
    .reverse()
    .slice(0, filter.limit ?? 200);
}

/** The biggest single process any recent successful build of this project had (a cold build's largest compile): no job count goes below it. */
export function largestProcessSoFar(history: readonly HistoryEntry[]): LargestProcess | null {
  return history
    .slice(0, 20)
    .flatMap((e) => (e.result.status === 'ok' && e.result.largestProcess ? [e.result.largestProcess] : []))
    .reduce<LargestProcess | null>((biggest, p) => (p.rssBytes > (biggest?.rssBytes ?? 0) ? p : biggest), null);
}

/** The peak memory one cargo job needed in the last successful build of this project, if known. */
export function peakPerJob(history: readonly HistoryEntry[]): number | null {
  const last = history.find((e) => e.result.status === 'ok' && e.result.peakRssBytes > 0);
  if (!last) return null;
  return Math.ceil(last.result.peakRssBytes / Math.max(1, last.jobs ?? 2));
}

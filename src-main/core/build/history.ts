import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Strategy, TargetResult } from '../../common/domain';
import type { EnvDelta } from '../process/spawn';

export interface HistoryEntry {
  readonly jobId: string;
  readonly projectDir: string;
  readonly target: string;
  readonly strategy: Strategy | null;
  readonly logFile: string;
  readonly command: readonly string[];
  readonly envDelta: EnvDelta;
  readonly result: TargetResult;
}

const historyFile = (dataDir: string) => join(dataDir, 'history.jsonl');

export async function appendHistory(dataDir: string, entry: HistoryEntry): Promise<void> {
  await mkdir(dataDir, { recursive: true });
  await appendFile(historyFile(dataDir), `${JSON.stringify({ at: new Date().toISOString(), ...entry })}\n`);
}

export async function readHistory(dataDir: string): Promise<HistoryEntry[]> {
  try {
    const text = await readFile(historyFile(dataDir), 'utf8');
    return text
      .split('\n')
      .filter(Boolean)
      .flatMap((line) => {
        try {
          return [JSON.parse(line) as HistoryEntry];
        } catch {
          return [];
        }
      });
  } catch {
    return [];
  }
}

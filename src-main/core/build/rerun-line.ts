import { basename, dirname } from 'node:path';
import type { HistoryEntry } from '../../common/domain';
import { shellQuote } from '../toolchain/shell-quote';
import { isPartialDirName } from './partial-dirs';

/**
 * A past build's maturin run as one line to paste into a shell: the project folder, the environment
 * Wheelbench changed (`env -u` for what it removed), the command. maturin wrote into a hidden partial
 * folder that is gone once the build ends, so the line writes into the output folder instead.
 */
export function rerunLine(entry: Pick<HistoryEntry, 'projectDir' | 'command' | 'envDelta'>): string | null {
  if (entry.command.length === 0) return null;
  const command = entry.command.map((arg, i) => {
    const isPartialOut = entry.command[i - 1] === '--out' && isPartialDirName(basename(arg));
    return shellQuote(isPartialOut ? dirname(arg) : arg);
  });
  const names = Object.keys(entry.envDelta).sort();
  const unset = names.filter((n) => entry.envDelta[n] === undefined).map((n) => `-u ${shellQuote(n)}`);
  const set = names.flatMap((n) => {
    const value = entry.envDelta[n];
    return value === undefined ? [] : [`${n}=${shellQuote(value)}`];
  });
  const env = unset.length || set.length ? ['env', ...unset, ...set] : [];
  return `cd ${shellQuote(entry.projectDir)} && ${[...env, ...command].join(' ')}`;
}

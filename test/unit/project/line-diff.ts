import { diffLines } from 'diff';

/** The lines an edit removed and added (line endings kept, so a CRLF turned LF shows up). */
export function changedLines(before: string, after: string): { removed: string[]; added: string[] } {
  const removed: string[] = [];
  const added: string[] = [];
  for (const part of diffLines(before, after)) {
    const lines = part.value.match(/[^\n]*\n|[^\n]+$/g) ?? [];
    if (part.removed) removed.push(...lines);
    if (part.added) added.push(...lines);
  }
  return { removed, added };
}

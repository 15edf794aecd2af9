import type { ProjectProblem } from '../../../common/domain';
import type { ProjectContext } from '../context';
import type { KeyPath } from '../edit/toml-text';
import type { TomlChange } from '../edit/toml-edit';
import type { TomlDoc } from '../read-toml';

/** One file a fix touches: TOML changes to an existing file, or a new file. */
export type FilePlan =
  | { readonly kind: 'edit'; readonly file: string; readonly changes: readonly TomlChange[] }
  | { readonly kind: 'create'; readonly file: string; readonly text: string };

export interface PlannedFix {
  readonly id: string;
  readonly summary: string;
  readonly plan: () => readonly FilePlan[];
}

/** A problem as a check finds it: with the edits that solve it, planned lazily. */
export interface Finding extends Omit<ProjectProblem, 'fixes'> {
  readonly edits?: readonly PlannedFix[];
}

export type Check = (ctx: ProjectContext) => readonly Finding[];

/** `{ file, line }` of a key path in a TOML file (its table header when the key is absent). */
export function at(doc: TomlDoc | null, path: KeyPath): { file?: string; line?: number } {
  if (!doc) return {};
  for (let n = path.length; n > 0; n--) {
    const line = doc.line(path.slice(0, n));
    if (line !== undefined) return { file: doc.file, line };
  }
  return { file: doc.file };
}

export const edit = (doc: TomlDoc, changes: readonly TomlChange[]): FilePlan => ({ kind: 'edit', file: doc.file, changes });

import { createHash } from 'node:crypto';
import { relative } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import type { ProjectFixPreview, ProjectFixResult } from '../../common/domain';
import { WheelbenchError } from '../../common/errors';
import { runChecks } from './checks';
import type { FilePlan } from './checks/check';
import { editToml } from './edit/toml-edit';
import { exists } from './files';
import { readProjectContext } from './model';
import { readProjectText } from './read-toml';
import { replaceFile } from './safe-write';
import { readProjectSummary } from './summary';

interface FileChange {
  readonly path: string;
  readonly before: string | null;
  readonly after: string;
}

interface PlannedChanges {
  readonly fixId: string;
  readonly summary: string;
  readonly changes: readonly FileChange[];
}

async function planChanges(projectDir: string, fixId: string, env: NodeJS.ProcessEnv): Promise<PlannedChanges & { readonly root: string }> {
  const ctx = await readProjectContext(projectDir, env);
  const findings = runChecks(ctx);
  const fix = findings.flatMap((f) => f.edits ?? []).find((e) => e.id === fixId);
  if (!fix) {
    const available = findings.flatMap((f) => f.edits ?? []).map((e) => e.id);
    const known = findings.some((f) => f.id === fixId);
    throw new WheelbenchError({
      code: 'not-found',
      message: known
        ? `Problem ${fixId} has no automatic fix: follow its advice instead.`
        : `No fix ${fixId} for ${ctx.root}: ${available.length ? `the fixes available are ${available.join(', ')}.` : 'it has no problems Wheelbench can fix by editing files.'}`,
    });
  }
  const changes: FileChange[] = [];
  for (const plan of fix.plan()) changes.push(await fileChange(plan));
  return { fixId, summary: fix.summary, changes, root: ctx.root };
}

async function fileChange(plan: FilePlan): Promise<FileChange> {
  if (plan.kind === 'create') {
    if (await exists(plan.file)) throw new WheelbenchError({ code: 'busy', message: `${plan.file} appeared meanwhile; open the project again.`, file: plan.file });
    return { path: plan.file, before: null, after: plan.text };
  }
  const before = await readProjectText(plan.file, 'a TOML file');
  return { path: plan.file, before, after: editToml(before, plan.changes, plan.file) };
}

/** A unified diff; `\r` is kept so CRLF files show exactly what is written. */
function diffOf(root: string, change: FileChange): string {
  const name = relative(root, change.path) || change.path;
  return createTwoFilesPatch(change.before === null ? '/dev/null' : `a/${name}`, `b/${name}`, change.before ?? '', change.after, undefined, undefined, { context: 3 });
}

function toPreview(root: string, planned: PlannedChanges): ProjectFixPreview {
  return {
    fixId: planned.fixId,
    summary: planned.summary,
    files: planned.changes.map((c) => ({ path: c.path, diff: diffOf(root, c), created: c.before === null })),
    fingerprint: fingerprintOf(planned.changes),
  };
}

/** Identifies the exact edit previewed: apply refuses when the files changed in between. */
function fingerprintOf(changes: readonly FileChange[]): string {
  const hash = createHash('sha256');
  for (const c of changes) hash.update(c.path).update('\0').update(c.before ?? '\u0001').update('\0').update(c.after).update('\0');
  return hash.digest('hex').slice(0, 32);
}

export async function previewProjectFix(projectDir: string, fixId: string, env: NodeJS.ProcessEnv = process.env): Promise<ProjectFixPreview> {
  const planned = await planChanges(projectDir, fixId, env);
  return toPreview(planned.root, planned);
}

export async function applyProjectFix(projectDir: string, fixId: string, fingerprint: string | undefined, env: NodeJS.ProcessEnv = process.env): Promise<ProjectFixResult> {
  const planned = await planChanges(projectDir, fixId, env);
  const preview = toPreview(planned.root, planned);
  if (fingerprint !== undefined && fingerprint !== preview.fingerprint) {
    throw new WheelbenchError({ code: 'busy', message: 'The files changed since the fix was previewed: nothing was written. Preview the fix again.' });
  }
  const backups: string[] = [];
  for (const change of planned.changes) {
    const backup = await replaceFile(change.path, change.before, change.after);
    if (backup) backups.push(backup);
  }
  return { ...preview, backups, project: await readProjectSummary(planned.root, env) };
}

import type { ProjectSummary } from '../../common/domain';
import { runChecks, toProblem } from './checks';
import { readProjectContext } from './model';

/** Reads a project and checks it. Throws a WheelbenchError (with file:line) for unreadable or malformed input. */
export async function readProjectSummary(path: string, env: NodeJS.ProcessEnv = process.env): Promise<ProjectSummary> {
  const ctx = await readProjectContext(path, env);
  return { ...ctx.model, problems: runChecks(ctx).map(toProblem) };
}

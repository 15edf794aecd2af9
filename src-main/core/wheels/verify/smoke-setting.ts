import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readTomlDoc } from '../../project/read-toml';

/**
 * The project's smoke check, run after the imports: `[tool.wheelbench] smoke = "…"` in pyproject.toml
 * (an expression whose value is printed, or statements). It lives in the project, never in a request,
 * so no front door can send code to run. A value that is not a string is malformed input (file:line).
 */
export async function readSmokeSetting(projectDir: string): Promise<string | null> {
  const pyproject = join(resolve(projectDir), 'pyproject.toml');
  if (!existsSync(pyproject)) return null;
  const smoke = (await readTomlDoc(pyproject)).string(['tool', 'wheelbench', 'smoke']);
  return smoke?.trim() ? smoke : null;
}

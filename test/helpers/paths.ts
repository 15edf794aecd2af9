import { existsSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const repoRoot = resolve(__dirname, '..', '..');
export const exampleProject = join(repoRoot, 'resources', 'examples', 'hello-pyo3');
export const builtCli = join(repoRoot, 'out', 'main', 'cli.js');

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `wheelbench-${prefix}-`));
}

/** The CLI tests run the real bundle: `npm test` builds it first. */
export function requireBuiltCli(): string {
  if (!existsSync(builtCli)) throw new Error(`${builtCli} is missing: run \`npm run build\` before the integration tests.`);
  return builtCli;
}

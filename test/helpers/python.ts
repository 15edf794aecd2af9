import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/** Makes a fresh virtualenv, installs a local wheel into it (no index, no deps) and returns its python. */
export function venvWithWheel(venvDir: string, wheel: string): string {
  execFileSync('python3', ['-m', 'venv', venvDir], { stdio: 'pipe' });
  const python = join(venvDir, 'bin', 'python');
  execFileSync(python, ['-m', 'pip', 'install', '--no-deps', '--no-index', '--disable-pip-version-check', '-q', wheel], { stdio: 'pipe' });
  return python;
}

export function runPython(python: string, code: string, cwd: string): string {
  return execFileSync(python, ['-c', code], { cwd, encoding: 'utf8' }).trim();
}

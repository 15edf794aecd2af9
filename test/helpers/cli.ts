import { spawn, type ChildProcess } from 'node:child_process';
import { requireBuiltCli } from './paths';

export interface CliRun {
  readonly child: ChildProcess;
  readonly exit: Promise<{ code: number | null; stdout: string; stderr: string }>;
  /** Resolves once stdout contains text matching the pattern. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
}

export function startCli(args: readonly string[], env: NodeJS.ProcessEnv = process.env, cwd?: string): CliRun {
  const child = spawn(process.execPath, [requireBuiltCli(), ...args], { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const waiters: { pattern: RegExp; resolve: (s: string) => void }[] = [];
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    stdout += d;
    for (const w of [...waiters]) {
      if (w.pattern.test(stdout)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(stdout);
      }
    }
  });
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const exit = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, stderr })),
  );
  return {
    child,
    exit,
    waitFor(pattern, timeoutMs = 300_000) {
      if (pattern.test(stdout)) return Promise.resolve(stdout);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out waiting for ${pattern}; stdout so far:\n${stdout.slice(-2000)}\nstderr:\n${stderr}`)), timeoutMs);
        waiters.push({ pattern, resolve: (s) => (clearTimeout(timer), resolve(s)) });
        void exit.then(() => reject(new Error(`CLI exited before ${pattern}; stdout:\n${stdout.slice(-2000)}\nstderr:\n${stderr}`)));
      });
    },
  };
}

export const runCli = (args: readonly string[], env?: NodeJS.ProcessEnv, cwd?: string) => startCli(args, env, cwd).exit;

export function ndjson(stdout: string): Record<string, unknown>[] {
  return stdout
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

import { runCaptured } from '../process/spawn';
import type { ToolchainContext } from './context';
import type { CachedAnswer } from './probe-cache';
import { behindShim } from '../process/pyenv-shims';

export const PROBE_TIMEOUT_MS = 5_000;

export type ProbeOutcome =
  | { readonly ok: true; readonly stdout: string; readonly stderr: string }
  | {
      readonly ok: false;
      /** What went wrong, as a clause: `timed out: …`, `` `--version` exited with code 2: … ``. */
      readonly reason: string;
      readonly timedOut: boolean;
      /** The first line the tool printed, if any: often the most precise explanation. */
      readonly said: string;
    };

export interface ProbeOptions {
  readonly timeoutMs?: number;
  /** How to name the query in messages when the arguments are not readable (`-c <script>`). */
  readonly label?: string;
  /** Files or dirs besides the tool whose change changes the answer (a Python's site-packages). */
  readonly dependsOn?: readonly string[];
  /** Always ask the tool: its answer depends on something no file shows (a daemon that may start). */
  readonly uncached?: boolean;
}

/**
 * For a compiler's first answers (rustc's `-vV` and `--print sysroot`, `zig version`): its first start
 * after boot loads a 150 MB binary or driver library from disk, which on a busy machine takes longer
 * than a hung tool is given.
 */
export const COMPILER_PROBE: ProbeOptions = { timeoutMs: 15_000 };

/**
 * Runs one short query of a tool (`--version` and the like) with the context's environment and a deadline.
 * A pyenv shim is skipped for the executable it stands for (same answer, a fraction of the time); answers
 * come from the doctor's cache while nothing they depend on changed.
 */
export async function probe(
  ctx: ToolchainContext,
  file: string,
  args: readonly string[],
  options: ProbeOptions = {},
): Promise<ProbeOutcome> {
  const { timeoutMs = PROBE_TIMEOUT_MS, label = args.join(' '), dependsOn = [] } = options;
  const executable = behindShim(file, ctx.env);
  const cache = options.uncached ? undefined : ctx.probeCache;
  const key = cache?.keyFor(executable, args, dependsOn);
  const cached = key === undefined ? undefined : cache?.get(key);
  if (cached) return outcomeOf(label, cached);
  const run = await runCaptured({ file: executable, args, baseEnv: ctx.env }, { timeoutMs, maxBytes: 256 * 1024 });
  if (run.timedOut) {
    const reason = `timed out: \`${label}\` gave no answer within ${timeoutMs / 1000} s and was stopped`;
    return { ok: false, reason, timedOut: true, said: '' };
  }
  if (run.spawnError === 'not-found') return notStarted('could not be started: file not found');
  if (run.spawnError === 'permission-denied') return notStarted('could not be started: permission denied (not executable)');
  if (run.spawnError !== null) return notStarted('could not be started');
  // Only complete answers are kept: a timeout or a failed start may be gone next time.
  const answer = { ok: run.exitCode === 0, stdout: run.stdout, stderr: run.stderr, exitCode: run.exitCode, signal: run.signal };
  if (key !== undefined) cache?.set(key, answer);
  return outcomeOf(label, answer);
}

function notStarted(reason: string): ProbeOutcome {
  return { ok: false, reason, timedOut: false, said: '' };
}

function outcomeOf(query: string, run: CachedAnswer): ProbeOutcome {
  if (run.ok) return { ok: true, stdout: run.stdout, stderr: run.stderr };
  return { ok: false, reason: describeExit(query, run), timedOut: false, said: firstLine(run.stderr || run.stdout) };
}

function describeExit(query: string, run: CachedAnswer): string {
  const said = firstLines(run.stderr || run.stdout);
  const how = run.signal ? `was killed by ${run.signal}` : `exited with code ${run.exitCode}`;
  return said ? `\`${query}\` ${how}: ${said}` : `\`${query}\` ${how}`;
}

function firstLines(text: string, maxChars = 300): string {
  const lines = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .slice(0, 3)
    .join(' / ');
  return lines.length > maxChars ? `${lines.slice(0, maxChars)}…` : lines;
}

export function firstLine(text: string): string {
  return text.split(/\r?\n/).find((line) => line.trim() !== '')?.trim() ?? '';
}

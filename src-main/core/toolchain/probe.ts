import { runCaptured, type CapturedRun } from '../process/spawn';
import type { ToolchainContext } from './context';

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
}

/** Runs one short query of a tool (`--version` and the like) with the context's environment and a deadline. */
export async function probe(
  ctx: ToolchainContext,
  file: string,
  args: readonly string[],
  options: ProbeOptions = {},
): Promise<ProbeOutcome> {
  const { timeoutMs = PROBE_TIMEOUT_MS, label = args.join(' ') } = options;
  const run = await runCaptured({ file, args, baseEnv: ctx.env }, { timeoutMs, maxBytes: 256 * 1024 });
  if (!run.timedOut && run.spawnError === null && run.exitCode === 0) {
    return { ok: true, stdout: run.stdout, stderr: run.stderr };
  }
  return { ok: false, reason: describeFailure(label, run, timeoutMs), timedOut: run.timedOut, said: firstLine(run.stderr || run.stdout) };
}

function describeFailure(query: string, run: CapturedRun, timeoutMs: number): string {
  if (run.timedOut) return `timed out: \`${query}\` gave no answer within ${timeoutMs / 1000} s and was stopped`;
  if (run.spawnError === 'not-found') return 'could not be started: file not found';
  if (run.spawnError === 'permission-denied') return 'could not be started: permission denied (not executable)';
  if (run.spawnError !== null) return 'could not be started';
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

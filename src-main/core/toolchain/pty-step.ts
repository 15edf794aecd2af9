import { runInPty, type EnvDelta } from '../process/spawn';
import type { ToolchainContext } from './context';
import { OutputTail } from './terminal-text';

export interface StepResult {
  readonly exitCode: number | null;
  readonly cancelled: boolean;
  /** The last part of the output as plain text, to explain a failure from. */
  readonly output: string;
  /** Set when the command could not be started at all. */
  readonly startError: string | null;
}

/** Runs one install step live in a pseudo-terminal, streaming its bytes; stops the whole tree on abort. */
export async function runLiveStep(
  ctx: ToolchainContext,
  file: string,
  args: readonly string[],
  onData: (bytes: Buffer) => void,
  signal: AbortSignal | undefined,
  envDelta: EnvDelta = {},
  cwd?: string,
): Promise<StepResult> {
  const tail = new OutputTail();
  if (signal?.aborted) return { exitCode: null, cancelled: true, output: '', startError: null };
  let run: ReturnType<typeof runInPty>;
  try {
    run = runInPty(
      { file, args, baseEnv: definedOnly(ctx.env), envDelta, cwd },
      {
        onData: (bytes) => {
          tail.push(bytes);
          onData(bytes);
        },
      },
    );
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { exitCode: null, cancelled: false, output: '', startError: `could not start ${file}: ${reason}` };
  }
  let cancelled = false;
  const stop = () => {
    cancelled = true;
    void run.stop();
  };
  signal?.addEventListener('abort', stop, { once: true });
  try {
    const exit = await run.exited;
    return { exitCode: exit.exitCode, cancelled, output: tail.toString(), startError: null };
  } finally {
    signal?.removeEventListener('abort', stop);
  }
}

// node-pty would pass an undefined value on as the literal string "undefined".
function definedOnly(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined));
}

import type { EnvDelta } from '../../process/spawn';
import type { ToolchainContext } from '../../toolchain/context';
import { runLiveStep, type StepResult } from '../../toolchain/pty-step';
import { shellQuote } from '../../toolchain/shell-quote';

export interface StepOptions {
  readonly cwd?: string;
  readonly env?: EnvDelta;
  /** What to echo instead of the full command (when an argument is a script). */
  readonly display?: string;
}

/** How a verification talks to its terminal and runs its steps (live, cancellable, echoed). */
export interface StepIo {
  readonly ctx: ToolchainContext;
  readonly signal: AbortSignal;
  /** A line of Wheelbench's own, in bold. */
  say(text: string): void;
  /** Echoes `$ command` and runs it in a pseudo-terminal, streaming its output. */
  run(file: string, args: readonly string[], options?: StepOptions): Promise<StepResult>;
}

/** Python run for a verification: nothing from the user's environment may leak into the import. */
export const CLEAN_PYTHON_ENV: EnvDelta = {
  PYTHONPATH: undefined,
  PYTHONHOME: undefined,
  PYTHONSTARTUP: undefined,
  PYTHONUSERBASE: undefined,
  VIRTUAL_ENV: undefined,
  PYTHONNOUSERSITE: '1',
  PYTHONDONTWRITEBYTECODE: '1',
  PIP_NO_INPUT: '1',
  PIP_DISABLE_PIP_VERSION_CHECK: '1',
};

export function stepIo(ctx: ToolchainContext, signal: AbortSignal, write: (bytes: Buffer) => void): StepIo {
  const text = (s: string) => write(Buffer.from(s, 'utf8'));
  return {
    ctx,
    signal,
    say: (line) => text(`\x1b[1m${line}\x1b[0m\r\n`),
    run: (file, args, options = {}) => {
      text(`\x1b[2m$ ${options.display ?? [file, ...args].map(shellQuote).join(' ')}\x1b[0m\r\n`);
      return runLiveStep(ctx, file, args, write, signal, { ...CLEAN_PYTHON_ENV, ...options.env }, options.cwd);
    },
  };
}

import { closeSync, openSync, readSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { pastPyenvShim } from './pyenv-exec';
import { runCaptured, type CaptureOptions, type CapturedRun, type LateInput, type ToolCommand } from './spawn';

// A Python console script spends most of a short run importing (abi3audit: ~0.5 s of its 0.55 s,
// auditwheel: 0.2 of 0.25). Started while something else still runs (the last crate of a build,
// the inspector reading the archive), it has imported by the time its arguments are known; they then
// arrive on stdin and the script runs exactly as its console entry point would have run it.

// Runs the script once under a name that skips its `if __name__ == '__main__'` block (the imports
// happen), then again as __main__ with the arguments read from stdin. EOF means: not needed.
// Afterwards it does what interpreter shutdown does that a tool's result depends on (atexit handlers,
// flushed output) and exits, skipping the teardown of every imported module: 0.2 s after abi3audit,
// whose imports include boto3.
const DRIVER = [
  'import atexit, json, os, runpy, sys',
  'script = sys.argv[1]',
  'sys.path[0] = os.path.dirname(script)',
  "runpy.run_path(script, run_name='__wheelbench_prestart__')",
  'line = sys.stdin.readline()',
  'if not line.strip(): sys.exit(0)',
  'sys.argv = [script] + json.loads(line)',
  'try:',
  "    runpy.run_path(script, run_name='__main__')",
  '    code = 0',
  'except SystemExit as stop:',
  '    code = stop.code',
  'if code is not None and not isinstance(code, int):',
  '    print(code, file=sys.stderr)',
  '    code = 1',
  'atexit._run_exitfuncs()',
  'sys.stdout.flush()',
  'sys.stderr.flush()',
  'os._exit(code or 0)',
].join('\n');

/** A script started ahead of its arguments. */
export interface PrestartedScript {
  /** The script the arguments are for (past any pyenv shim). */
  readonly script: string;
  /** Hands over the arguments and resolves with the run; null when it already exited (then run it normally). */
  run(args: readonly string[]): Promise<CapturedRun> | null;
  /** Stops it unused; a no-op once it has its arguments. */
  discard(): void;
}

/** The interpreter of a `#!/abs/python` console script; null for anything else (binaries, `#!/bin/sh` wrappers). */
export function scriptInterpreter(path: string): string | null {
  let fd: number | null = null;
  try {
    fd = openSync(path, 'r');
    const head = Buffer.alloc(256);
    const n = readSync(fd, head, 0, head.length, 0);
    const first = head.subarray(0, n).toString('utf8').split('\n')[0] ?? '';
    const match = /^#!\s*(\S+)\s*$/.exec(first);
    const interpreter = match?.[1];
    return interpreter && isAbsolute(interpreter) && /python[\d.]*$/.test(interpreter) ? interpreter : null;
  } catch {
    return null;
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/**
 * Starts the console script `cmd.file` (its arguments come later) through the spawn funnel; null when
 * it is not a plain Python console script.
 */
export function prestartPythonScript(cmd: ToolCommand, options: Omit<CaptureOptions, 'input'> = {}): PrestartedScript | null {
  const real = pastPyenvShim(cmd);
  const interpreter = scriptInterpreter(real.file);
  if (interpreter === null) return null;
  let supply: (input: LateInput | null) => void = () => undefined;
  const input = new Promise<LateInput | null>((resolve) => (supply = resolve));
  let exited = false;
  let handedOver = false;
  const run = runCaptured({ ...real, file: interpreter, args: ['-c', DRIVER, real.file] }, { ...options, input }).finally(() => (exited = true));
  return {
    script: real.file,
    run(args) {
      if (exited || handedOver) return null;
      handedOver = true;
      supply({ stdin: `${JSON.stringify(args)}\n`, command: [real.file, ...args] });
      return run;
    },
    discard() {
      if (handedOver) return;
      handedOver = true;
      supply(null);
    },
  };
}

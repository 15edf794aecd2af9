import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../fs/atomic-write';
import { COMPILE_GATE_NAME } from '../process/compile-governor';

// The gate every compile of a governed low-memory build passes (cargo runs it as RUSTC_WRAPPER): a compile
// stops itself here, as a shell of a megabyte, before rustc takes any memory, and Wheelbench's governor
// continues it when it fits (CompileGovernor). Anything that is not a compile (cargo asking rustc -vV)
// goes straight through. A wrapper the user had set (sccache…) still runs, after the gate.

const SCRIPT = `#!/bin/sh
# Wheelbench: a compile waits here, stopped, until its measured memory fits beside the running ones.
case " $* " in
  *" --crate-name "*) kill -STOP $$ ;;
esac
if [ -n "$WHEELBENCH_RUSTC_WRAPPER" ]; then exec "$WHEELBENCH_RUSTC_WRAPPER" "$@"; fi
exec "$@"
`;

/** The gate script in Wheelbench's data dir, written when missing or out of date. */
export async function ensureCompileGate(dataDir: string): Promise<string> {
  const dir = join(dataDir, 'bin');
  const path = join(dir, COMPILE_GATE_NAME);
  const current = await readFile(path, 'utf8').catch(() => null);
  if (current !== SCRIPT) {
    await mkdir(dir, { recursive: true });
    await writeFileAtomic(path, SCRIPT, { mode: 0o755 });
  }
  return path;
}

/**
 * The environment that sends a build's compiles through the gate, keeping the user's own wrapper: from
 * RUSTC_WRAPPER, else the project's cargo config (build.rustc-wrapper, which RUSTC_WRAPPER overrides).
 */
export function compileGateEnv(gatePath: string, userEnv: NodeJS.ProcessEnv, configWrapper: string | null = null): Record<string, string> {
  const userWrapper = userEnv.RUSTC_WRAPPER || configWrapper;
  return { RUSTC_WRAPPER: gatePath, ...(userWrapper ? { WHEELBENCH_RUSTC_WRAPPER: userWrapper } : {}) };
}

import { existsSync } from 'node:fs';
import type { AuditResult, WheelReport } from '../../../common/wheel-report';
import { behindShim } from '../../process/pyenv-shims';
import { runCaptured, type CapturedRun } from '../../process/spawn';
import { findExecutable } from '../../process/which';
import type { ToolchainContext } from '../../toolchain/context';
import { managedExecutable } from '../../toolchain/managed-paths';

export type AuditToolName = AuditResult['tool'];

const AUDIT_TIMEOUT_MS = 180_000;

/** The copy to run: PATH first, then Wheelbench's managed venv; null when neither has it. */
export function locateAuditTool(ctx: ToolchainContext, tool: AuditToolName): string | null {
  const onPath = findExecutable(tool, ctx.env);
  if (onPath) return onPath;
  const managed = managedExecutable(ctx.dataDir, tool);
  return existsSync(managed) ? managed : null;
}

export function notInstalled(tool: AuditToolName, what: string): AuditResult {
  return {
    tool,
    status: 'not-run',
    verdict: 'not installed',
    detail: `${tool} is not installed, so ${what} was not checked.`,
    fix: { summary: `Install ${tool} into Wheelbench's tools.`, command: `wheelbench tools install ${tool}` },
  };
}

export function notApplicable(tool: AuditToolName, detail: string): AuditResult {
  return { tool, status: 'not-applicable', verdict: 'n/a', detail };
}

/** What an audit looks at: the file, the tags its name claims, and its content's identity. */
export type AuditedWheel = Pick<WheelReport, 'path' | 'tags' | 'auditDigest'>;

/**
 * Runs an audit tool through the spawn funnel with a generous deadline and bounded output. With the
 * context's probe cache and the wheel's audit digest, a verdict on the same binaries by the same copy of
 * the tool is reused: a rebuild that changed nothing differs only in what no audit reads (zip
 * timestamps, maturin's SBOM).
 */
export async function runAudit(ctx: ToolchainContext, executable: string, args: readonly string[], auditDigest: string | null): Promise<CapturedRun> {
  const cache = auditDigest === null ? undefined : ctx.probeCache;
  // The wheel's path (the last argument) gives way to the digest of what the tool reads in it.
  const key = cache?.keyFor(behindShim(executable, ctx.env), [...args.slice(0, -1), `content:${auditDigest}`], []);
  const known = key === undefined ? undefined : cache?.get(key);
  if (known) return { ...known, timedOut: false, spawnError: null, durationMs: 0 };
  const run = await runCaptured(
    { file: executable, args, baseEnv: ctx.env, envDelta: { PYTHONWARNINGS: 'ignore', NO_COLOR: '1', COLUMNS: '200' } },
    { timeoutMs: AUDIT_TIMEOUT_MS, maxBytes: 8 * 1024 * 1024 },
  );
  if (key !== undefined && !run.timedOut && run.spawnError === null && run.exitCode !== null) {
    cache?.set(key, { ok: run.exitCode === 0, stdout: run.stdout, stderr: run.stderr, exitCode: run.exitCode, signal: run.signal });
  }
  return run;
}

/** The tool could not give an answer: say what it printed instead. */
export function auditBroke(tool: AuditToolName, run: CapturedRun): AuditResult {
  const said = (run.stderr || run.stdout).trim().split('\n').slice(-6).join('\n');
  const why = run.timedOut
    ? 'it did not finish within 3 minutes'
    : run.spawnError
      ? `it could not be started (${run.spawnError})`
      : `it exited with code ${run.exitCode}${said ? `: ${said}` : ''}`;
  return { tool, status: 'not-run', verdict: 'did not run', detail: `${tool} gave no verdict: ${why}.` };
}

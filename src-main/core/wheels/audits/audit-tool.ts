import { existsSync } from 'node:fs';
import type { AuditResult } from '../../../common/wheel-report';
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

/** Runs an audit tool through the spawn funnel with a generous deadline and bounded output. */
export function runAudit(ctx: ToolchainContext, executable: string, args: readonly string[]): Promise<CapturedRun> {
  return runCaptured(
    { file: executable, args, baseEnv: ctx.env, envDelta: { PYTHONWARNINGS: 'ignore', NO_COLOR: '1', COLUMNS: '200' } },
    { timeoutMs: AUDIT_TIMEOUT_MS, maxBytes: 8 * 1024 * 1024 },
  );
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

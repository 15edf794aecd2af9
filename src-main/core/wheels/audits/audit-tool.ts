import { existsSync } from 'node:fs';
import type { AuditResult, WheelReport } from '../../../common/wheel-report';
import { prestartPythonScript, type PrestartedScript } from '../../process/python-prestart';
import { behindShim } from '../../process/pyenv-shims';
import { runCaptured, type CapturedRun, type ToolCommand } from '../../process/spawn';
import { findExecutable } from '../../process/which';
import type { ToolchainContext } from '../../toolchain/context';
import { managedExecutable } from '../../toolchain/managed-paths';

export type AuditToolName = AuditResult['tool'];

const AUDIT_LIMITS = { timeoutMs: 180_000, maxBytes: 8 * 1024 * 1024 } as const;

/** Audit tools started before the wheel they will look at exists. */
export type PrestartedAudits = Partial<Record<AuditToolName, PrestartedScript>>;

const auditCommand = (ctx: ToolchainContext, executable: string, args: readonly string[]): ToolCommand => ({
  file: executable,
  args,
  baseEnv: ctx.env,
  envDelta: { PYTHONWARNINGS: 'ignore', NO_COLOR: '1', COLUMNS: '200' },
});

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

/**
 * Starts the audit tools a wheel about to be made will need, so that their imports overlap the end of
 * the build; the ones not installed or not plain Python scripts are left to start normally.
 */
export function prestartAudits(ctx: ToolchainContext, tools: readonly AuditToolName[]): PrestartedAudits {
  const started: PrestartedAudits = {};
  for (const tool of tools) {
    const executable = locateAuditTool(ctx, tool);
    const script = executable === null ? null : prestartPythonScript(auditCommand(ctx, executable, []), AUDIT_LIMITS);
    if (script) started[tool] = script;
  }
  return started;
}

/** The audits a wheel gets: auditwheel for a Linux wheel (on Linux), abi3audit for an abi3 wheel. */
export function auditsFor(wheel: { readonly linux: boolean; readonly abi3: boolean }): AuditToolName[] {
  const tools: AuditToolName[] = [];
  if (wheel.linux && process.platform === 'linux') tools.push('auditwheel');
  if (wheel.abi3) tools.push('abi3audit');
  return tools;
}

export function discardAudits(prestarted: PrestartedAudits): void {
  for (const script of Object.values(prestarted)) script?.discard();
}

/** What an audit looks at: the file, the tags its name claims, and its content's identity. */
export type AuditedWheel = Pick<WheelReport, 'path' | 'tags' | 'auditDigest'>;

/**
 * Runs an audit tool through the spawn funnel with a generous deadline and bounded output. With the
 * context's probe cache and the wheel's audit digest, a verdict on the same binaries by the same copy of
 * the tool is reused: a rebuild that changed nothing differs only in what no audit reads (zip
 * timestamps, maturin's SBOM).
 */
export async function runAudit(ctx: ToolchainContext, executable: string, args: readonly string[], auditDigest: string | null, prestarted?: PrestartedScript): Promise<CapturedRun> {
  const cache = auditDigest === null ? undefined : ctx.probeCache;
  const real = behindShim(executable, ctx.env);
  // The wheel's path (the last argument) gives way to the digest of what the tool reads in it.
  const key = cache?.keyFor(real, [...args.slice(0, -1), `content:${auditDigest}`], []);
  const known = key === undefined ? undefined : cache?.get(key);
  if (known) {
    prestarted?.discard();
    return { ...known, timedOut: false, spawnError: null, durationMs: 0 };
  }
  const ahead = prestarted?.script === real ? prestarted.run(args) : null;
  const run = await (ahead ?? runCaptured(auditCommand(ctx, executable, args), AUDIT_LIMITS));
  if (key !== undefined && !run.timedOut && run.spawnError === null && run.exitCode !== null) {
    cache?.set(key, { ok: run.exitCode === 0, stdout: run.stdout, stderr: run.stderr, exitCode: run.exitCode, signal: run.signal });
  }
  return run;
}

const NO_VERDICT = 'did not run';

/** Whether the tool broke instead of judging (a verdict that will not be cached, so may differ next time). */
export const auditBrokeDown = (result: AuditResult): boolean => result.verdict === NO_VERDICT;

/** The tool could not give an answer: say what it printed instead. */
export function auditBroke(tool: AuditToolName, run: CapturedRun): AuditResult {
  const said = (run.stderr || run.stdout).trim().split('\n').slice(-6).join('\n');
  const why = run.timedOut
    ? 'it did not finish within 3 minutes'
    : run.spawnError
      ? `it could not be started (${run.spawnError})`
      : `it exited with code ${run.exitCode}${said ? `: ${said}` : ''}`;
  return { tool, status: 'not-run', verdict: NO_VERDICT, detail: `${tool} gave no verdict: ${why}.` };
}

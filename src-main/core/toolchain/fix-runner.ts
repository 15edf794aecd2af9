import { mkdirSync, renameSync } from 'node:fs';
import { dirname } from 'node:path';
import { checkWritableDir } from '../fs/writable';
import { findExecutable } from '../process/which';
import type { ToolchainContext } from './context';
import type { FixAction } from './fix-actions';
import { explainRustupFailure, explainSystemFailure } from './fix-failures';
import { installManagedTools } from './managed-tools';
import { runLiveStep } from './pty-step';
import { shellQuote } from './shell-quote';
import { displaySteps, isRoot } from './system-packages';

export interface FixOutcome {
  readonly ok: boolean;
  /** What happened; on failure why, and what to do instead. */
  readonly message: string;
}

/** Where a fix's output goes, and how it is stopped. */
interface FixIo {
  readonly onData: (bytes: Buffer) => void;
  /** A line of Wheelbench's own, in bold. */
  readonly say: (text: string) => void;
  readonly signal: AbortSignal | undefined;
}

/** Runs one fix with live output. Never throws: every failure comes back as a sentence. */
export async function runFixAction(
  ctx: ToolchainContext,
  action: FixAction,
  onData: (bytes: Buffer) => void,
  signal?: AbortSignal,
): Promise<FixOutcome> {
  const io: FixIo = { onData, signal, say: (text) => onData(Buffer.from(`\x1b[1m${text}\x1b[0m\r\n`, 'utf8')) };
  try {
    switch (action.kind) {
      case 'install-managed':
        return await installManagedTools(ctx, action.tools, onData, signal);
      case 'rustup-target-add':
        return await addTargets(ctx, action, io);
      case 'zig-cache-dir':
        return freshZigCache(action.dir, io.say);
      case 'system-command':
        return await runSystemSteps(ctx, action, io);
    }
  } catch (error) {
    return { ok: false, message: `The fix failed unexpectedly: ${error instanceof Error ? error.message : String(error)}` };
  }
}

async function addTargets(ctx: ToolchainContext, action: Extract<FixAction, { kind: 'rustup-target-add' }>, io: FixIo): Promise<FixOutcome> {
  const args = ['target', 'add', ...(action.toolchain ? ['--toolchain', action.toolchain] : []), ...action.targets];
  io.say(`$ rustup ${args.join(' ')}`);
  const step = await runLiveStep(ctx, action.rustup, args, io.onData, io.signal);
  if (step.cancelled) return { ok: false, message: 'Cancelled.' };
  if (step.startError !== null) return { ok: false, message: step.startError };
  if (step.exitCode !== 0) return { ok: false, message: explainRustupFailure(step.output, action.targets, action.toolchain, ctx.env) };
  const where = action.toolchain ? ` to the rustup toolchain ${action.toolchain}` : '';
  return { ok: true, message: `Added the standard library for ${action.targets.join(', ')}${where}.` };
}

/** An unwritable cache dir is moved aside (never deleted) and a fresh one made in its place. */
function freshZigCache(dir: string, say: (text: string) => void): FixOutcome {
  const state = checkWritableDir(dir);
  if (state.writable) {
    mkdirSync(dir, { recursive: true });
    say(`${dir} is writable.`);
    return { ok: true, message: `zig's cache directory ${dir} is ready.` };
  }
  const parent = checkWritableDir(dirname(dir));
  if (!parent.writable) {
    return {
      ok: false,
      message:
        `${state.reason}, and its parent cannot be changed either (${parent.reason}). Make it yours ` +
        `(sudo chown -R "$(id -un)" ${shellQuote(dirname(dir))}) or run Wheelbench with WHEELBENCH_DATA_DIR set to a writable directory.`,
    };
  }
  const aside = `${dir}.unwritable-${Date.now()}`;
  let moved = false;
  try {
    renameSync(dir, aside);
    moved = true;
    say(`Moved ${dir} aside to ${aside}.`);
  } catch {
    // Nothing there to move: only the parent was in the way, and it is writable now.
  }
  mkdirSync(dir, { recursive: true });
  say(`Created ${dir}.`);
  return { ok: true, message: `zig's cache directory ${dir} is fresh and writable${moved ? ` (the old one is at ${aside})` : ''}.` };
}

async function runSystemSteps(ctx: ToolchainContext, action: Extract<FixAction, { kind: 'system-command' }>, io: FixIo): Promise<FixOutcome> {
  const command = displaySteps(action.steps, action.asRoot);
  const needsSudo = action.asRoot && !isRoot();
  const sudo = needsSudo ? findExecutable('sudo', ctx.env) : null;
  if (needsSudo && sudo === null) {
    return { ok: false, message: explainSystemFailure('sudo: command not found', command) };
  }
  for (const step of action.steps) {
    const [file, ...args] = sudo ? [sudo, '-n', ...step] : step;
    if (file === undefined) continue;
    io.say(`$ ${sudo ? 'sudo ' : ''}${step.map(shellQuote).join(' ')}`);
    // Non-interactive: apt must not stop to ask, and sudo must not wait for a password no one can type here.
    const result = await runLiveStep(ctx, file, args, io.onData, io.signal, { DEBIAN_FRONTEND: 'noninteractive' });
    if (result.cancelled) return { ok: false, message: 'Cancelled.' };
    if (result.startError !== null) return { ok: false, message: result.startError };
    if (result.exitCode !== 0) return { ok: false, message: explainSystemFailure(result.output, command) };
  }
  return { ok: true, message: `Done: ${command}` };
}

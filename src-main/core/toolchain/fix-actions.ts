import type { Fix, ManagedTool } from '../../common/domain';

/** What running a fix does. The renderer and the CLI only ever send a fix id; the core finds its action. */
export type FixAction =
  | { readonly kind: 'install-managed'; readonly tools: readonly ManagedTool[] }
  | {
      readonly kind: 'rustup-target-add';
      readonly rustup: string;
      /** The rustup toolchain to add the targets to; null adds them to the active one. */
      readonly toolchain: string | null;
      readonly targets: readonly string[];
    }
  | { readonly kind: 'zig-cache-dir'; readonly dir: string }
  | {
      /** System packages: each step is one command line, run with sudo unless Wheelbench runs as root. */
      readonly kind: 'system-command';
      readonly steps: readonly (readonly string[])[];
      /** apt and dnf need root (sudo unless Wheelbench is root); brew refuses it. */
      readonly asRoot: boolean;
    };

/** A fix Wheelbench can run: the public Fix plus the action behind it (kept inside the core). */
export interface RunnableFix extends Fix {
  readonly id: string;
  readonly action: FixAction;
}

export function runnableFix(checkId: string, summary: string, command: string, action: FixAction): RunnableFix {
  const confirm = action.kind === 'system-command' ? { needsConfirmation: true } : {};
  return { summary, command, id: checkId, ...confirm, action };
}

export function isRunnable(fix: Fix | undefined): fix is RunnableFix {
  return fix !== undefined && typeof fix.id === 'string' && 'action' in fix;
}

/** The same fix offered by another check (a target's summary repeats its first missing piece's fix). */
export function publicFix(fix: Fix): Fix {
  if (!isRunnable(fix)) return fix;
  const { action: _action, ...rest } = fix;
  return rest;
}

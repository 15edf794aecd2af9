import { readdirSync } from 'node:fs';
import { basename, delimiter, dirname, isAbsolute, join } from 'node:path';
import { resolvePyenvShim } from './pyenv-shims';
import type { ToolCommand } from './spawn';
import { findExecutable } from './which';

// A pyenv shim is a bash script that runs `pyenv exec`: ~60 ms on an idle machine and several hundred
// under load, for every tool Wheelbench starts (maturin, auditwheel, abi3audit, python3). The funnel
// does what `pyenv exec` does instead — the selected version's executable, with PYENV_VERSION exported
// and that version's bin dir first on PATH, so tools the program starts find the same Python — and
// keeps the shim only where pyenv would do more: exec hooks other than its own pip-rehash, and pip
// itself (that hook makes shims for the scripts pip installs).

const KEEPS_HOOKS = /^(pip|easy_install)/;
const OWN_HOOKS = new Set(['pip-rehash.bash']);
const hookVerdicts = new Map<string, boolean>();

/** The command `pyenv exec` would run for a shim; any other command unchanged. */
export function pastPyenvShim(cmd: ToolCommand): ToolCommand {
  const env = { ...(cmd.baseEnv ?? process.env), ...definedOnly(cmd.envDelta) };
  const file = isAbsolute(cmd.file) ? cmd.file : findExecutable(cmd.file, env);
  if (file === null || basename(dirname(file)) !== 'shims' || KEEPS_HOOKS.test(basename(file))) return cmd;
  const shim = resolvePyenvShim(file, env, cmd.cwd ?? process.cwd());
  if (shim.kind !== 'resolved' || hasForeignExecHooks(shim.pyenvRoot, env)) return cmd;
  const delta: Record<string, string | undefined> = { ...cmd.envDelta, PYENV_VERSION: shim.versions.join(':') };
  if (shim.version !== 'system') delta.PATH = [dirname(shim.executable), env.PATH].filter(Boolean).join(delimiter);
  return { ...cmd, file: shim.executable, envDelta: delta };
}

function definedOnly(delta: ToolCommand['envDelta']): Record<string, string> {
  return Object.fromEntries(Object.entries(delta ?? {}).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

/** Exec hooks besides pyenv's own, in the places `pyenv hooks exec` looks. */
function hasForeignExecHooks(pyenvRoot: string, env: NodeJS.ProcessEnv): boolean {
  const key = `${pyenvRoot}\0${env.PYENV_HOOK_PATH ?? ''}`;
  const known = hookVerdicts.get(key);
  if (known !== undefined) return known;
  const dirs = [
    ...(env.PYENV_HOOK_PATH ?? '').split(delimiter).filter(Boolean),
    join(pyenvRoot, 'pyenv.d'),
    '/usr/etc/pyenv.d',
    '/usr/local/etc/pyenv.d',
    '/etc/pyenv.d',
    '/usr/lib/pyenv/hooks',
    ...listDir(join(pyenvRoot, 'plugins')).map((plugin) => join(pyenvRoot, 'plugins', plugin, 'etc', 'pyenv.d')),
  ];
  const foreign = dirs.some((dir) => listDir(join(dir, 'exec')).some((hook) => hook.endsWith('.bash') && !OWN_HOOKS.has(hook)));
  hookVerdicts.set(key, foreign);
  return foreign;
}

function listDir(dir: string): readonly string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

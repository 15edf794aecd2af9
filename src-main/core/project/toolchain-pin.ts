import { readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { parse } from 'smol-toml';
import type { ToolchainPin } from '../../common/domain';
import { runCaptured } from '../process/spawn';
import { findExecutable } from '../process/which';
import { ancestors, isFile, walkFiles } from './files';

// rustup picks the toolchain from a `rust-toolchain.toml` (or legacy `rust-toolchain`) in the directory
// cargo starts in or its parents — like cargo's config, a pin beside a crate in a subfolder is not seen
// when maturin runs from the project root.

export interface PinFile {
  readonly file: string;
  readonly channel: string;
}

const NAMES = ['rust-toolchain.toml', 'rust-toolchain'];

export async function readPin(file: string): Promise<PinFile | null> {
  const text = await readFile(file, 'utf8').catch(() => null);
  if (text === null) return null;
  const plain = text.trim();
  if (basename(file) === 'rust-toolchain' && /^[\w.-]+$/.test(plain)) return { file, channel: plain };
  try {
    const channel = (parse(text) as { toolchain?: { channel?: unknown } }).toolchain?.channel;
    return typeof channel === 'string' ? { file, channel } : null;
  } catch {
    return null;
  }
}

/** The pin rustup will use from the project root, and pins below the root that it will not see. */
export async function toolchainPins(root: string): Promise<{ readonly applying: PinFile | null; readonly unseen: readonly PinFile[] }> {
  let applying: PinFile | null = null;
  for (const dir of ancestors(root)) {
    for (const name of NAMES) {
      const file = join(dir, name);
      if (applying === null && (await isFile(file))) applying = await readPin(file);
    }
    if (applying) break;
  }
  const below = await walkFiles(root, (p) => NAMES.includes(basename(p)) && dirname(p) !== root, { maxDepth: 4, maxFiles: 4000 });
  const unseen = (await Promise.all(below.map(readPin))).filter((p): p is PinFile => p !== null);
  return { applying, unseen };
}

/** Toolchains rustup has installed (`stable-x86_64-unknown-linux-gnu`, `1.95.0-…`); null without rustup. */
export async function installedToolchains(env: NodeJS.ProcessEnv): Promise<readonly string[] | null> {
  const rustup = findExecutable('rustup', env);
  if (rustup === null) return null;
  const run = await runCaptured({ file: rustup, args: ['toolchain', 'list'], baseEnv: env }, { timeoutMs: 10_000 });
  if (run.exitCode !== 0) return null;
  return run.stdout
    .split('\n')
    .map((line) => line.trim().split(/\s+/)[0] ?? '')
    .filter(Boolean);
}

export function pinInstalled(channel: string, installed: readonly string[]): boolean {
  return installed.some((name) => name === channel || name.startsWith(`${channel}-`) || (/^\d+\.\d+$/.test(channel) && name.startsWith(`${channel}.`)));
}

export function toPin(pin: PinFile, installed: readonly string[] | null): ToolchainPin {
  return { file: pin.file, channel: pin.channel, installed: installed === null ? null : pinInstalled(pin.channel, installed) };
}

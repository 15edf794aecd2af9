import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { WheelReport } from '../../common/wheel-report';
import { writeFileAtomic } from '../fs/atomic-write';
import { platformFacts, policyName } from '../wheels/platform-tags';

// Left to pick a Linux wheel's manylinux tag itself, maturin first asks the interpreter's pip whether
// it installs manylinux wheels at all (`pip debug --verbose`, half a second), then picks the oldest
// policy the binaries meet. That pick depends only on the binaries' linkage (needed libraries, symbol
// versions, imports), so Wheelbench remembers it with that linkage and passes it as --compatibility
// next time: the same wheel without the probe. When the next build's linkage differs, or maturin says
// the binaries no longer meet the policy, the build runs again with maturin picking.

/** What makes maturin's pick the same: one project and target, the same maturin and interpreters. */
export interface TagChoiceKey {
  readonly projectRoot: string;
  readonly triple: string;
  readonly maturin: string;
  readonly interpreters: readonly string[];
  /** PATH decides which python (and so which pip) maturin asks. */
  readonly path: string;
}

export interface RememberedTag {
  /** The --compatibility value: `manylinux_2_34`, `musllinux_1_2`. */
  readonly compatibility: string;
  /** The platform part of the wheel's name maturin wrote: `manylinux_2_34_x86_64`. */
  readonly platform: string;
  /** The extension modules' linkage digests (NativeBinary.linkage), sorted. */
  readonly linkage: readonly string[];
}

interface MemoryFile {
  readonly version: 1;
  readonly entries: Readonly<Record<string, RememberedTag & { readonly savedAt: string }>>;
}

const MAX_ENTRIES = 200;
const memoryFile = (dataDir: string) => join(dataDir, 'platform-tags.json');
const keyDigest = (key: TagChoiceKey) => createHash('sha256').update(JSON.stringify([key.projectRoot, key.triple, key.maturin, key.interpreters, key.path])).digest('hex').slice(0, 32);

async function readMemory(dataDir: string): Promise<MemoryFile> {
  try {
    const parsed = JSON.parse(await readFile(memoryFile(dataDir), 'utf8')) as MemoryFile;
    if (parsed.version === 1 && parsed.entries && typeof parsed.entries === 'object') return parsed;
  } catch {
    // Missing or damaged: nothing remembered.
  }
  return { version: 1, entries: {} };
}

export async function recallTag(dataDir: string, key: TagChoiceKey): Promise<RememberedTag | null> {
  const entry = (await readMemory(dataDir)).entries[keyDigest(key)];
  return entry && typeof entry.compatibility === 'string' && Array.isArray(entry.linkage) ? entry : null;
}

/** Keeps (or replaces, or with null drops) the pick for this key; writes only when something changed. */
export async function rememberTag(dataDir: string, key: TagChoiceKey, tag: RememberedTag | null): Promise<void> {
  const memory = await readMemory(dataDir);
  const id = keyDigest(key);
  const old = memory.entries[id];
  if (tag === null ? !old : old && sameChoice(old, tag)) return;
  const entries = Object.entries(memory.entries).filter(([k]) => k !== id);
  if (tag) entries.push([id, { ...tag, savedAt: new Date().toISOString() }]);
  const newest = entries.sort(([, a], [, b]) => a.savedAt.localeCompare(b.savedAt)).slice(-MAX_ENTRIES);
  await mkdir(dataDir, { recursive: true });
  await writeFileAtomic(memoryFile(dataDir), `${JSON.stringify({ version: 1, entries: Object.fromEntries(newest) } satisfies MemoryFile)}\n`);
}

const sameChoice = (a: RememberedTag, b: RememberedTag) => a.compatibility === b.compatibility && a.platform === b.platform && a.linkage.join() === b.linkage.join();

/**
 * The choice maturin made for this wheel, worth remembering: a single manylinux/musllinux policy, and
 * only extension modules inside (libraries maturin copied in have linkage of their own that can change
 * under an unchanged extension).
 */
export function tagChoiceOf(report: WheelReport): RememberedTag | null {
  const platforms = [...new Set(report.tags.map((t) => t.platform))];
  const first = platforms[0];
  if (!first) return null;
  const policy = platformFacts(first).linux;
  const compatibility = policy ? policyName(policy) : null;
  if (!compatibility) return null;
  if (report.binaries.length === 0 || report.binaries.some((b) => b.module === null || b.linkage === null)) return null;
  return { compatibility, platform: [...new Set(report.tags.map((t) => t.platform))].join('.'), linkage: report.binaries.map((b) => b.linkage as string).sort() };
}

/** Why a wheel built with a remembered tag is not the wheel maturin would have picked; null when it is. */
export function tagChoiceMismatch(remembered: RememberedTag, report: WheelReport): string | null {
  const now = tagChoiceOf(report);
  if (!now) return 'the wheel now holds binaries whose linkage Wheelbench does not track';
  if (now.platform !== remembered.platform) return `maturin tagged it ${now.platform}, not ${remembered.platform}`;
  if (now.linkage.join() !== remembered.linkage.join()) return 'its binaries link differently (libraries, symbol versions or imports changed)';
  return null;
}

/** maturin's own words when a binary does not meet the policy passed to --compatibility. */
export const isComplianceFailure = (log: string): boolean => /Error ensuring \S+ compliance/.test(log);

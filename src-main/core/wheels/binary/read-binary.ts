import type { BinaryFormat } from '../../../common/wheel-report';
import type { ByteSource } from '../zip/byte-source';
import type { BinaryFacts } from './binary-facts';
import { isElf, readElf } from './elf';
import { isMachO, isFatMachO, readMachO } from './macho';
import { isPe, readPe } from './pe';

/** The native format a file's first bytes announce, or null for anything else. */
export function nativeFormat(head: Buffer): BinaryFormat | null {
  if (isElf(head)) return 'elf';
  if (isFatMachO(head)) return 'macho-fat';
  if (isMachO(head)) return 'macho';
  if (isPe(head)) return 'pe';
  return null;
}

export type BinaryReading = { readonly ok: true; readonly facts: BinaryFacts } | { readonly ok: false; readonly format: BinaryFormat; readonly reason: string };

/**
 * Parses a native binary's headers (its architecture), and with `symbols` its export table and needed
 * libraries too (for extension modules; a bundled library's symbols would cost a second pass over it).
 * A malformed binary is reported, never thrown.
 */
export async function readBinary(format: BinaryFormat, source: ByteSource, symbols = true): Promise<BinaryReading> {
  try {
    const facts = format === 'elf' ? await readElf(source, symbols) : format === 'pe' ? await readPe(source, symbols) : await readMachO(source, symbols);
    return { ok: true, facts };
  } catch (error) {
    const reason = error instanceof RangeError ? `its headers point outside the file (${error.message})` : (error as Error).message;
    return { ok: false, format, reason };
  }
}

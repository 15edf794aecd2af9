import type { BinaryFormat } from '../../../common/wheel-report';

/** One architecture inside a binary (a fat Mach-O has several). */
export interface BinarySlice {
  /** Wheel-tag spelling: x86_64, aarch64, i686, armv7l, ppc64le, s390x, … or `unknown-<n>`. */
  readonly arch: string;
  /** Exported symbols that start with `PyInit`; null when the export table could not be read. */
  readonly initExports: readonly string[] | null;
}

export interface BinaryFacts {
  readonly format: BinaryFormat;
  readonly slices: readonly BinarySlice[];
  /** Shared libraries the binary needs (ELF DT_NEEDED). */
  readonly needs: readonly string[];
  /** Why the exports could not be read, when they could not. */
  readonly note: string | null;
  /** ELF: a digest of what manylinux policies judge (needed libraries, symbol versions, imports); null elsewhere. */
  readonly linkage?: string | null;
}

/** Only these symbols matter to Wheelbench; collecting just them keeps big export tables cheap. */
export const isInitSymbol = (name: string): boolean => name.startsWith('PyInit');

/** Reads a NUL-terminated string (ASCII/UTF-8) from a buffer. */
export function cString(buffer: Buffer, offset: number): string {
  if (offset < 0 || offset >= buffer.length) return '';
  const end = buffer.indexOf(0, offset);
  return buffer.toString('utf8', offset, end === -1 ? buffer.length : end);
}

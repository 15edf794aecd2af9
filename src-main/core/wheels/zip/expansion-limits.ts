import { formatBytes } from '../../../common/format-bytes';
import type { ZipEntryInfo } from './zip-archive';

// How much a wheel may expand before Wheelbench refuses to unpack it. Streams are hashed in constant
// memory, so large honest files are fine; what is refused is what only a zip bomb looks like.

/** No single file in a wheel is this large; PyTorch's largest CUDA library is about 1.5 GB. */
export const MAX_ENTRY_BYTES = 8 * 1024 ** 3;
/** Deflate at its best on real data stays far below this; a bomb sits near deflate's limit of 1032:1. */
export const MAX_RATIO = 200;
/** Ratios only matter once the expanded size is large. */
export const RATIO_APPLIES_ABOVE = 64 * 1024 ** 2;
export const MAX_TOTAL_BYTES = 32 * 1024 ** 3;

export type ExpansionVerdict = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/** Whether to unpack an entry at all, judged from the sizes the archive declares. */
export function judgeExpansion(entry: ZipEntryInfo, declaredSoFar: number): ExpansionVerdict {
  const size = entry.uncompressedSize;
  const ratio = size / Math.max(1, entry.compressedSize);
  const what = `would expand from ${formatBytes(entry.compressedSize)} to ${formatBytes(size)}`;
  if (size > MAX_ENTRY_BYTES) return { ok: false, reason: `${what}, more than any real wheel file (a zip bomb?)` };
  if (size > RATIO_APPLIES_ABOVE && ratio > MAX_RATIO) {
    return { ok: false, reason: `${what} (${Math.round(ratio)}:1, a ratio only a zip bomb reaches)` };
  }
  if (declaredSoFar + size > MAX_TOTAL_BYTES) {
    return { ok: false, reason: `${what}, beyond the ${formatBytes(MAX_TOTAL_BYTES)} Wheelbench unpacks from one wheel` };
  }
  return { ok: true };
}

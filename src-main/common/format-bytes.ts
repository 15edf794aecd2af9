// Byte counts as people read and write them, and the build memory figures made of them; shared by the CLI, the core and the renderer.

const SIZE_UNITS: Readonly<Record<string, number>> = { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3, T: 1024 ** 4 };

/** A byte count for people, in binary multiples: 421888 → "412 KB", 3758096384 → "3.5 GB". */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '?';
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

/** Parses `2G`, `512M`, `1.5GiB`, `1073741824` (the CLI's --memory-budget, the settings form); null for anything else. */
export function parseByteSize(text: string): number | null {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([KMGT]?)(?:i?B)?\s*$/i.exec(text);
  if (!match) return null;
  const value = Number(match[1]) * (SIZE_UNITS[(match[2] ?? '').toUpperCase()] ?? 1);
  return value > 0 ? Math.floor(value) : null;
}

/** The shortest exact way to write a size for parseByteSize: 2147483648 → "2G", 1610612736 → "1536M". */
export function formatByteSize(bytes: number): string {
  for (const unit of ['T', 'G', 'M', 'K'] as const) {
    const size = SIZE_UNITS[unit] as number;
    if (bytes >= size && bytes % size === 0) return `${bytes / size}${unit}`;
  }
  return String(bytes);
}

/** What a build's process was doing: "rustc compiling rustls", "cargo". */
export function processName(p: { readonly program: string; readonly crate: string | null }): string {
  return p.crate ? `${p.program} compiling ${p.crate}` : p.program;
}

/** The biggest single process of a build for people: "rustc compiling rustls, 372 MB", "cargo, 76 MB". */
export function formatLargestProcess(p: { readonly program: string; readonly crate: string | null; readonly rssBytes: number }): string {
  return `${processName(p)}, ${formatBytes(p.rssBytes)}`;
}

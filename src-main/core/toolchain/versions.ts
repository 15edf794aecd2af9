export interface Version {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
  /** `beta.1` in `1.9.2-beta.1`; null for a release. */
  readonly prerelease: string | null;
}

const VERSION_PATTERN = /(\d+)\.(\d+)(?:\.(\d+))?(?:[-.]?((?:alpha|beta|rc|a|b|dev|pre)[.\w]*))?/i;

/** The first dotted version in a tool's output (`maturin 1.16.0` → 1.16.0); null when there is none. */
export function parseVersion(text: string): Version | null {
  const match = VERSION_PATTERN.exec(text);
  if (!match) return null;
  return {
    major: Number(match[1]),
    minor: Number(match[2]),
    patch: match[3] === undefined ? 0 : Number(match[3]),
    prerelease: match[4] ?? null,
  };
}

export function formatVersion(version: Version): string {
  const core = `${version.major}.${version.minor}.${version.patch}`;
  return version.prerelease ? `${core}-${version.prerelease}` : core;
}

/** Negative when a < b, zero when equal, positive when a > b; a prerelease sorts before its release. */
export function compareVersions(a: Version, b: Version): number {
  const byNumber = a.major - b.major || a.minor - b.minor || a.patch - b.patch;
  if (byNumber !== 0) return byNumber;
  if (a.prerelease === b.prerelease) return 0;
  if (a.prerelease === null) return 1;
  if (b.prerelease === null) return -1;
  return a.prerelease.localeCompare(b.prerelease, 'en', { numeric: true });
}

export function isOlderThan(version: string, minimum: string): boolean {
  const a = parseVersion(version);
  const b = parseVersion(minimum);
  return a !== null && b !== null && compareVersions(a, b) < 0;
}

import type { WheelTags } from '../../common/domain';

export interface WheelName {
  readonly distribution: string;
  readonly version: string;
  readonly build: string | null;
  readonly tags: readonly WheelTags[];
}

/** Parses `{dist}-{version}(-{build})?-{python}-{abi}-{platform}.whl`, expanding compressed tag sets. */
export function parseWheelFileName(fileName: string): WheelName | null {
  if (!fileName.endsWith('.whl')) return null;
  const parts = fileName.slice(0, -4).split('-');
  if (parts.length !== 5 && parts.length !== 6) return null;
  const [distribution, version] = parts as [string, string];
  const build = parts.length === 6 ? (parts[2] ?? null) : null;
  const [python, abi, platform] = parts.slice(-3) as [string, string, string];
  if (!distribution || !version || !python || !abi || !platform) return null;
  const tags: WheelTags[] = [];
  for (const p of python.split('.'))
    for (const a of abi.split('.')) for (const pl of platform.split('.')) tags.push({ python: p, abi: a, platform: pl });
  return { distribution, version, build, tags };
}

import type { CheckStatus, DoctorCheck } from '../../src-main/common/domain';

export interface DoctorArea {
  readonly name: string;
  readonly status: CheckStatus;
  readonly checks: readonly DoctorCheck[];
  /** The first line of the area's first check: what was found (or what is wrong). */
  readonly headline: string;
  readonly problems: number;
}

const RANK: Readonly<Record<CheckStatus, number>> = { error: 3, warn: 2, ok: 1, skip: 0 };

export const isProblem = (check: DoctorCheck): boolean => check.status === 'error' || check.status === 'warn';

/** The doctor's checks grouped by area, in report order; an area is as bad as its worst check. */
export function groupByArea(checks: readonly DoctorCheck[]): readonly DoctorArea[] {
  const byName = new Map<string, DoctorCheck[]>();
  for (const check of checks) {
    const name = check.area ?? 'Toolchain';
    byName.set(name, [...(byName.get(name) ?? []), check]);
  }
  return [...byName.entries()].map(([name, list]) => ({
    name,
    checks: list,
    status: list.reduce<CheckStatus>((worst, check) => (RANK[check.status] > RANK[worst] ? check.status : worst), 'skip'),
    headline: list[0]?.detail.split('\n')[0] ?? '',
    problems: list.filter(isProblem).length,
  }));
}

/** Targets the Doctor view offers to check (the CLI's --target aliases). */
export const TARGET_CHOICES: readonly string[] = [
  'host',
  'linux-x86_64',
  'linux-aarch64',
  'musllinux-x86_64',
  'windows-x86_64',
  'macos-arm64',
  'macos-x86_64',
];

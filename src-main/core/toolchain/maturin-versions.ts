import { compareVersions, parseVersion } from './versions';

// maturin releases with known problems, from users' reports (see DESIGN.md "Known failure modes").

export interface KnownProblem {
  /** First affected release; null for "every release before `fixedIn`". */
  readonly from: string | null;
  /** First release without the problem. */
  readonly fixedIn: string;
  readonly problem: string;
}

export const MATURIN_KNOWN_PROBLEMS: readonly KnownProblem[] = [
  { from: null, fixedIn: '1.9.2', problem: 'writes the author metadata of wheels wrongly' },
  {
    from: '1.9.3',
    fixedIn: '1.10.0',
    problem: 'may tag wheels built with --zig `linux_*` instead of manylinux, which PyPI rejects (repair them with auditwheel)',
  },
];

/** The known problems of one maturin version (none when the version is unreadable). */
export function maturinProblems(version: string | null): readonly KnownProblem[] {
  const v = version === null ? null : parseVersion(version);
  if (v === null) return [];
  return MATURIN_KNOWN_PROBLEMS.filter((known) => {
    const fixed = parseVersion(known.fixedIn);
    const from = known.from === null ? null : parseVersion(known.from);
    return fixed !== null && compareVersions(v, fixed) < 0 && (from === null || compareVersions(v, from) >= 0);
  });
}

/** The oldest maturin without any known problem. */
export const MATURIN_RECOMMENDED_MINIMUM = '1.10.0';

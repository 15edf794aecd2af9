import type { PythonRange } from '../../common/domain';

/** A CPython feature release: 3.13 is { major: 3, minor: 13 }. */
export interface PyVersion {
  readonly major: number;
  readonly minor: number;
}

export const py = (text: string): PyVersion | null => {
  const m = /^(\d+)\.(\d+)/.exec(text.trim());
  return m ? { major: Number(m[1]), minor: Number(m[2]) } : null;
};
export const pyText = (v: PyVersion) => `${v.major}.${v.minor}`;
export const pyCompare = (a: PyVersion, b: PyVersion) => a.major - b.major || a.minor - b.minor;
export const abi3Tag = (v: PyVersion) => `py${v.major}${v.minor}`;

/** The newest CPython feature release at the time of writing: `requires-python = ">=3.9"` reaches it. */
export const NEWEST_CPYTHON: PyVersion = { major: 3, minor: 15 };

/**
 * The CPython versions each PyO3 minor release supports (pyo3-ffi's build script refuses others), from
 * PyO3's changelog: 0.13 dropped 3.5, 0.16 dropped 3.6, 0.29 dropped 3.7, 0.30 dropped 3.8; 3.10 came
 * in 0.15, 3.11 in 0.17, 3.12 in 0.20, 3.13 in 0.22, 3.14 in 0.25, 3.15 in 0.29.
 */
const PYO3_SUPPORT: readonly { readonly from: number; readonly min: string; readonly max: string }[] = [
  { from: 30, min: '3.9', max: '3.15' },
  { from: 29, min: '3.8', max: '3.15' },
  { from: 25, min: '3.7', max: '3.14' },
  { from: 22, min: '3.7', max: '3.13' },
  { from: 20, min: '3.7', max: '3.12' },
  { from: 17, min: '3.7', max: '3.11' },
  { from: 16, min: '3.7', max: '3.10' },
  { from: 15, min: '3.6', max: '3.10' },
  { from: 13, min: '3.6', max: '3.9' },
];

/** `0.20.3`, `^0.20`, `=0.22.1`, `>=0.21, <0.23` → the lowest 0.minor it allows. */
export function pyo3Minor(spec: string): number | null {
  const m = /(\d+)\.(\d+)/.exec(spec);
  if (!m || m[1] !== '0') return null;
  return Number(m[2]);
}

export function pyo3PythonRange(spec: string): PythonRange | null {
  const minor = pyo3Minor(spec);
  if (minor === null) return null;
  const row = PYO3_SUPPORT.find((r) => minor >= r.from);
  return row ? { min: row.min, max: row.max } : null;
}

/** The oldest PyO3 minor release that supports a CPython version. */
export function pyo3MinorFor(version: PyVersion): number | null {
  const rows = [...PYO3_SUPPORT].reverse();
  return rows.find((r) => pyCompare(py(r.max) as PyVersion, version) >= 0 && pyCompare(py(r.min) as PyVersion, version) <= 0)?.from ?? null;
}

export interface PythonBounds {
  /** Inclusive lower bound, when the specifier has one. */
  readonly min: PyVersion | null;
  /** Exclusive upper bound on feature releases (`<3.13` → 3.13, `<=3.12` → 3.13), when it has one. */
  readonly below: PyVersion | null;
}

/** Reads the CPython feature releases a `requires-python` specifier set allows; null when it says nothing usable. */
export function pythonBounds(spec: string): PythonBounds {
  let min: PyVersion | null = null;
  let below: PyVersion | null = null;
  const raise = (v: PyVersion) => (min = min === null || pyCompare(v, min) > 0 ? v : min);
  const lower = (v: PyVersion) => (below = below === null || pyCompare(v, below) < 0 ? v : below);
  for (const clause of spec.split(',')) {
    const m = /^\s*(~=|==|>=|<=|!=|>|<)\s*(\d+)(?:\.(\d+))?(?:\.(\d+|\*))?/.exec(clause);
    if (!m) continue;
    const v = { major: Number(m[2]), minor: Number(m[3] ?? 0) };
    const next = { major: v.major, minor: v.minor + 1 };
    const patch = m[4];
    switch (m[1]) {
      case '>=':
      case '~=':
        raise(v);
        break;
      case '>':
        raise(patch === undefined ? next : v);
        break;
      case '<':
        lower(patch === undefined || patch === '0' ? v : next);
        break;
      case '<=':
        lower(next);
        break;
      case '==':
        raise(v);
        lower(next);
        break;
    }
  }
  return { min, below };
}

/** Versions named in `Programming Language :: Python :: 3.12` classifiers. */
export function classifierVersions(classifiers: readonly string[]): PyVersion[] {
  return classifiers.flatMap((c) => {
    const m = /^Programming Language :: Python :: (\d+\.\d+)\s*$/.exec(c);
    const v = m?.[1] ? py(m[1]) : null;
    return v ? [v] : [];
  });
}

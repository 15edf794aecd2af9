import type { WheelTags } from '../../../common/domain';

// Which Python a wheel's tags ask for: cp39-abi3 → any CPython ≥ 3.9; cp311-cp311 → CPython 3.11;
// py3-none-any → any Python 3; pp310-pypy310_pp73 → PyPy 3.10.

export interface PythonFacts {
  readonly implementation: string;
  readonly version: readonly [number, number, number];
  /** Wheel-tag spelling of the machine it runs on (platform.machine()). */
  readonly machine: string;
}

export interface PythonCandidate extends PythonFacts {
  readonly path: string;
}

/** The interpreter probe prints one line: `<implementation> <major> <minor> <micro> <machine>`. */
export const PYTHON_FACTS_SCRIPT = "import sys,platform;print(sys.implementation.name,*sys.version_info[:3],platform.machine())";

export function parsePythonFacts(output: string): PythonFacts | null {
  const line = output.split(/\r?\n/).map((l) => l.trim()).find((l) => /^\w+ \d+ \d+ \d+ \S+$/.test(l));
  if (!line) return null;
  const [implementation, major, minor, micro, machine] = line.split(' ') as [string, string, string, string, string];
  return { implementation, version: [Number(major), Number(minor), Number(micro)], machine };
}

function tagFits(tag: WheelTags, python: PythonFacts): boolean {
  const [major, minor] = python.version;
  const m = /^(cp|pp|py|ip|jy)(\d)(\d*)$/.exec(tag.python);
  if (!m) return false;
  const [, impl, tagMajor, tagMinor] = m as unknown as [string, string, string, string];
  if (Number(tagMajor) !== major) return false;
  const wantsMinor = tagMinor === '' ? null : Number(tagMinor);
  if (impl === 'cp' && python.implementation !== 'cpython') return false;
  if (impl === 'pp' && python.implementation !== 'pypy') return false;
  if (tag.abi === 'abi3' || impl === 'py') return wantsMinor === null || minor >= wantsMinor;
  return wantsMinor === null || minor === wantsMinor;
}

export function fitsTags(tags: readonly WheelTags[], python: PythonFacts): boolean {
  return tags.some((tag) => tagFits(tag, python));
}

/** What the tags want, in words: "CPython ≥ 3.9", "CPython 3.11". */
export function describeWanted(tags: readonly WheelTags[]): string {
  const wants = new Set(
    tags.map((tag) => {
      const m = /^(cp|pp|py)(\d)(\d*)$/.exec(tag.python);
      if (!m) return tag.python;
      const impl = m[1] === 'cp' ? 'CPython' : m[1] === 'pp' ? 'PyPy' : 'Python';
      const version = `${m[2]}${m[3] ? `.${m[3]}` : ''}`;
      return tag.abi === 'abi3' || m[1] === 'py' ? `${impl} ≥ ${version}` : `${impl} ${version}`;
    }),
  );
  return [...wants].join(' or ');
}

export const describePython = (p: PythonFacts): string =>
  `${p.implementation === 'cpython' ? 'CPython' : p.implementation === 'pypy' ? 'PyPy' : p.implementation} ${p.version.join('.')} (${p.machine})`;

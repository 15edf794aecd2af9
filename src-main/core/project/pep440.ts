// Cargo versions are SemVer; a wheel's METADATA needs PEP 440, and maturin converts the common forms:
// `3.0.0-alpha.0` → `3.0.0a0`, `1.2.0-rc.1` → `1.2.0rc1`, `0.1.0-dev.3` → `0.1.0.dev3`.

const PRE: Readonly<Record<string, string>> = { alpha: 'a', a: 'a', beta: 'b', b: 'b', rc: 'rc', c: 'rc', pre: 'rc', preview: 'rc' };

export function cargoToPep440(version: string): string {
  const m = /^(\d+\.\d+\.\d+)(?:-([0-9A-Za-z.-]+))?(?:\+([0-9A-Za-z.-]+))?$/.exec(version.trim());
  if (!m) return version;
  const [, release, pre, build] = m;
  const local = build ? `+${build.replace(/[^0-9A-Za-z.]/g, '.')}` : '';
  if (!pre) return `${release}${local}`;
  const p = /^([A-Za-z]+)[.-]?(\d*)$/.exec(pre);
  if (p) {
    const word = (p[1] as string).toLowerCase();
    const n = p[2] || '0';
    if (PRE[word]) return `${release}${PRE[word]}${n}${local}`;
    if (word === 'dev') return `${release}.dev${n}${local}`;
    if (word === 'post') return `${release}.post${n}${local}`;
  }
  // Not a pre-release PEP 440 knows: keep it as a local label so it is still a valid version.
  return `${release}+${pre.replace(/[^0-9A-Za-z.]/g, '.')}${build ? `.${build.replace(/[^0-9A-Za-z.]/g, '.')}` : ''}`;
}

// The doctor's areas: the lines of `wheelbench doctor` and the groups of the Doctor view.

const AREAS: readonly (readonly [prefix: string, area: string])[] = [
  ['rust.std.', 'Target'],
  ['link.', 'Target'],
  ['target.', 'Target'],
  ['rust.', 'Rust'],
  ['tool.maturin', 'maturin'],
  ['tool.zig', 'zig'],
  ['python.', 'Python'],
  ['tool.protoc', 'Build tools'],
  ['tool.patchelf', 'Build tools'],
  ['tool.auditwheel', 'Build tools'],
  ['tool.abi3audit', 'Build tools'],
  ['tool.sccache', 'Build tools'],
  ['tool.', 'Cross-compiling'],
  ['net.', 'Network'],
  ['system.', 'System'],
];

const ORDER = ['Rust', 'maturin', 'zig', 'Python', 'Build tools', 'Cross-compiling', 'Network', 'System', 'Target'];

/** `Rust`, `Python`…, or `Target <triple>` for a target's own checks. */
export function areaOf(checkId: string): string {
  const entry = AREAS.find(([prefix]) => checkId.startsWith(prefix));
  if (!entry) return 'Other';
  if (entry[1] !== 'Target') return entry[1];
  return `Target ${checkId.slice(entry[0].length)}`;
}

/** Sort key: the fixed order of areas, targets last (in the order they were asked for: the sort is stable). */
export function areaRank(area: string): number {
  const index = ORDER.indexOf(area.startsWith('Target ') ? 'Target' : area);
  return index === -1 ? ORDER.length : index;
}

import { join } from 'node:path';
import type { ProjectContext, TargetedPython } from '../context';
import type { DependencySpec } from '../cargo-crate';
import type { TomlChange } from '../edit/toml-edit';
import { abi3Tag, py, pyCompare, pyo3Minor, pyo3MinorFor, pyText, type PyVersion } from '../python-versions';
import { at, edit, type Check, type FilePlan, type Finding, type PlannedFix } from './check';

// PyO3's build script refuses Pythons outside the range its version knows (seed 000: pyo3 0.20 caps at
// 3.12 while CI ran 3.13). Two ways out: a newer PyO3, or the stable ABI (abi3) plus
// PYO3_USE_ABI3_FORWARD_COMPATIBILITY=1, which builds one wheel that newer Pythons load too.

const FORWARD_COMPAT = 'PYO3_USE_ABI3_FORWARD_COMPATIBILITY';

/** A version requirement moved to another minor release, in the same style (`0.20` → `0.22`, `=0.20.3` → `=0.22.0`). */
function bumpedSpec(spec: string, minor: number): string {
  const m = /^(\s*[\^=~]?\s*)0\.\d+(\.\d+)?(.*)$/.exec(spec);
  if (!m) return `0.${minor}`;
  return `${m[1]}0.${minor}${m[2] ? '.0' : ''}${m[3]?.startsWith(',') ? '' : (m[3] ?? '')}`;
}

/** Adds pyo3 features where the dependency is declared, turning `pyo3 = "0.20"` into an inline table when needed. */
export function addPyo3Features(pyo3: DependencySpec, features: readonly string[]): FilePlan {
  const { doc, path } = pyo3.declaredAt;
  const declared = doc.get(path);
  const change: TomlChange =
    typeof declared === 'string' ? { kind: 'set', path, value: { version: declared, features: [...features] } } : { kind: 'append', path: [...path, 'features'], items: features };
  return edit(doc, [change]);
}

function forwardCompatSet(ctx: ProjectContext): boolean {
  if (ctx.env[FORWARD_COMPAT] === '1') return true;
  return ctx.cargoEnv[FORWARD_COMPAT] === '1';
}

/** Writes PYO3_USE_ABI3_FORWARD_COMPATIBILITY into the [env] of the .cargo/config.toml cargo reads from the project root. */
function forwardCompatPlan(ctx: ProjectContext): FilePlan {
  const rootConfig = ctx.model.cargoConfigs.find((c) => c.applies && c.path === join(ctx.root, '.cargo', 'config.toml'));
  if (rootConfig) return { kind: 'edit', file: rootConfig.path, changes: [{ kind: 'set', path: ['env', FORWARD_COMPAT], value: '1' }] };
  return { kind: 'create', file: join(ctx.root, '.cargo', 'config.toml'), text: `[env]\n${FORWARD_COMPAT} = "1"\n` };
}

const describeSource = (t: TargetedPython) =>
  t.source === 'classifier' ? 'a classifier in pyproject.toml' : t.source === '.python-version' ? '.python-version' : 'the upper bound of requires-python';

export const pythonRangeCheck: Check = (ctx) => {
  const { model, pyo3 } = ctx;
  if (!pyo3 || !model.pythonRange || model.bindings !== 'pyo3') return [];
  const found: Finding[] = [];
  const max = py(model.pythonRange.max) as PyVersion;
  const min = py(model.pythonRange.min) as PyVersion;
  const pyo3Text = model.pyo3Locked ?? pyo3.version ?? '?';
  const versionAt = pyo3.versionAt;

  // Pythons the project names (classifiers, .python-version, a capped requires-python) must build;
  // an open-ended requires-python only matters without abi3, when new Pythons build from the sdist.
  const explicit = ctx.targetedPythons.filter((t) => t.source !== 'requires-python' || ctx.requiresPythonBounds?.below);
  const considered = explicit.length ? explicit : model.abi3 === null ? ctx.targetedPythons : [];
  const tooNew = considered.filter((t) => pyCompare(t.version, max) > 0).sort((a, b) => pyCompare(b.version, a.version));
  const forwardOk = model.abi3 !== null && forwardCompatSet(ctx);
  const first = tooNew[0];
  if (first && !forwardOk) {
    const newest = first.version;
    const bumpTo = pyo3MinorFor(newest);
    const abi3Floor = abi3Tag(pyCompare(ctx.requiresPythonBounds?.min ?? min, min) > 0 ? (ctx.requiresPythonBounds?.min as PyVersion) : min);
    const edits: PlannedFix[] = [];
    if (bumpTo !== null && versionAt && pyo3.version) {
      const spec = bumpedSpec(pyo3.version, bumpTo);
      edits.push({
        id: 'pyo3.python-too-new',
        summary: `Require pyo3 ${spec} (supports Python up to ${pyText(newest)}; check PyO3's migration guide for API changes)`,
        plan: () => [edit(versionAt.doc, [{ kind: 'set', path: versionAt.path, value: spec }])],
      });
    }
    edits.push({
      id: 'pyo3.python-too-new.abi3',
      summary: `${model.abi3 ? 'Keep abi3' : `Build abi3 wheels (pyo3 feature abi3-${abi3Floor})`} and set ${FORWARD_COMPAT}=1 in .cargo/config.toml`,
      plan: () => [...(model.abi3 ? [] : [addPyo3Features(pyo3, [`abi3-${abi3Floor}`])]), forwardCompatPlan(ctx)],
    });
    found.push({
      id: 'pyo3.python-too-new',
      severity: explicit.length ? 'error' : 'warn',
      message: `pyo3 ${pyo3Text} supports CPython ${model.pythonRange.min}–${model.pythonRange.max}, but ${
        explicit.length ? `the project targets Python ${pyText(newest)} (${describeSource(first)})` : `requires-python allows Python ${pyText(newest)} and there is no abi3 wheel for it to use`
      }: building there fails with "the configured Python interpreter version (${pyText(newest)}) is newer than PyO3's maximum supported version (${model.pythonRange.max})".`,
      file: first.file,
      line: first.line,
      fix: {
        summary: `Bump pyo3 to ${bumpTo !== null ? `0.${bumpTo}` : 'a newer release'}, or build abi3 wheels and set ${FORWARD_COMPAT}=1 so newer Pythons use the stable ABI.`,
      },
      edits,
    });
  }

  const reqMin = ctx.requiresPythonBounds?.min;
  if (reqMin && pyCompare(reqMin, min) < 0 && ctx.pyproject) {
    const pyproject = ctx.pyproject;
    found.push({
      id: 'pyo3.python-too-old',
      severity: 'warn',
      message: `requires-python allows Python ${pyText(reqMin)}, but pyo3 ${pyo3Text} needs ${model.pythonRange.min} or newer: installing from source on Python ${pyText(reqMin)} fails.`,
      ...at(pyproject, ['project', 'requires-python']),
      fix: { summary: `Set requires-python = ">=${model.pythonRange.min}".` },
      edits: [
        {
          id: 'pyo3.python-too-old',
          summary: `Set requires-python = ">=${model.pythonRange.min}"`,
          plan: () => [edit(pyproject, [{ kind: 'set', path: ['project', 'requires-python'], value: `>=${model.pythonRange!.min}` }])],
        },
      ],
    });
  }
  return found;
};

/** An abi3-py39 wheel does not install on Python 3.8: pip falls back to the sdist, whose build then fails. */
export const abi3FloorCheck: Check = (ctx) => {
  const { model, pyproject } = ctx;
  const floor = model.abi3 ? py(model.abi3.replace(/^py(\d)(\d+)$/, '$1.$2')) : null;
  const reqMin = ctx.requiresPythonBounds?.min;
  if (!floor || !reqMin || !pyproject || pyCompare(reqMin, floor) >= 0) return [];
  const wanted = `>=${pyText(floor)}`;
  return [
    {
      id: 'abi3.below-requires-python',
      severity: 'warn',
      message: `requires-python allows Python ${pyText(reqMin)}, but the abi3-${model.abi3} wheel needs ${pyText(floor)} or newer: on Python ${pyText(reqMin)} pip skips the wheel and tries to build from source.`,
      ...at(pyproject, ['project', 'requires-python']),
      fix: { summary: `Set requires-python = "${wanted}" (or lower the abi3 feature).` },
      edits: [{ id: 'abi3.below-requires-python', summary: `Set requires-python = "${wanted}"`, plan: () => [edit(pyproject, [{ kind: 'set', path: ['project', 'requires-python'], value: wanted }])] }],
    },
  ];
};

/** Without abi3 a wheel loads in one Python version only: every targeted version needs its own build. */
export const abi3Check: Check = (ctx) => {
  const { model, pyo3 } = ctx;
  if (!pyo3 || model.abi3 !== null || model.bindings !== 'pyo3' || !model.pythonRange) return [];
  const pyo3Min = py(model.pythonRange.min) as PyVersion;
  const pyo3Max = py(model.pythonRange.max) as PyVersion;
  const versions = [...ctx.targetedPythons.map((t) => t.version), ...(ctx.requiresPythonBounds?.min ? [ctx.requiresPythonBounds.min] : [])].sort(pyCompare);
  // Only versions this pyo3 can build for count: the others are the range check's problem.
  const clamp = (v: PyVersion) => (pyCompare(v, pyo3Min) < 0 ? pyo3Min : pyCompare(v, pyo3Max) > 0 ? pyo3Max : v);
  const lowest = versions[0] && clamp(versions[0]);
  const highest = versions[versions.length - 1] && clamp(versions[versions.length - 1] as PyVersion);
  if (!lowest || !highest || lowest.major !== highest.major || highest.minor <= lowest.minor) return [];
  const count = highest.minor - lowest.minor + 1;
  const tag = abi3Tag(lowest);
  return [
    {
      id: 'abi3.not-used',
      severity: 'info',
      message: `Not abi3: a wheel loads in one Python version only, so covering Python ${pyText(lowest)}–${pyText(highest)} takes ${count} builds per platform. With abi3-${tag}, one wheel per platform serves Python ${pyText(lowest)} and newer — if the code sticks to the limited API.`,
      ...at(pyo3.declaredAt.doc, pyo3.declaredAt.path),
      fix: { summary: `Enable the pyo3 feature abi3-${tag}.` },
      edits: [{ id: 'abi3.not-used', summary: `Enable pyo3 feature abi3-${tag}`, plan: () => [addPyo3Features(pyo3, [`abi3-${tag}`])] }],
    },
  ];
};

/** Before PyO3 0.26 only the extension-module feature stops the extension linking libpython (PyO3 0.26+ reads PYO3_BUILD_EXTENSION_MODULE, which maturin sets). */
export const extensionModuleCheck: Check = (ctx) => {
  const { model, pyo3, pyproject } = ctx;
  if (!pyo3 || pyo3.crate !== 'pyo3' || model.bindings !== 'pyo3' || model.backend === 'unknown') return [];
  const minor = pyo3Minor(model.pyo3Locked ?? pyo3.version ?? '');
  if (minor === null || minor >= 26 || model.pyo3Features.includes('extension-module')) return [];
  const viaMaturin = pyproject && pyproject.table(['tool', 'maturin']) !== undefined;
  return [
    {
      id: 'pyo3.extension-module',
      severity: 'warn',
      message: `pyo3 ${model.pyo3Locked ?? pyo3.version} without the extension-module feature links the extension against libpython on Linux and macOS: the wheel fails manylinux checks and can crash or refuse to load in another Python installation.`,
      ...at(pyo3.declaredAt.doc, pyo3.declaredAt.path),
      fix: { summary: viaMaturin ? 'Add "pyo3/extension-module" to [tool.maturin] features (cargo test keeps working).' : 'Enable the pyo3 feature extension-module.' },
      edits: [
        {
          id: 'pyo3.extension-module',
          summary: viaMaturin ? 'Add "pyo3/extension-module" to [tool.maturin] features' : 'Enable pyo3 feature extension-module',
          plan: () => (viaMaturin && pyproject ? [edit(pyproject, [{ kind: 'append', path: ['tool', 'maturin', 'features'], items: ['pyo3/extension-module'] }])] : [addPyo3Features(pyo3, ['extension-module'])]),
        },
      ],
    },
  ];
};


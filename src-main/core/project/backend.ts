import type { Backend } from '../../common/domain';
import { WheelbenchError } from '../../common/errors';
import type { TomlDoc } from './read-toml';

// Which build backend pip, uv and `python -m build` will run, and whether it builds Rust.

/** Backends that build pure-Python wheels only (a `[tool.maturin]` beside one of them makes a hybrid). */
const PYTHON_ONLY = new Set([
  'hatchling.build',
  'hatchling.ouroboros',
  'flit_core.buildapi',
  'flit.buildapi',
  'poetry.core.masonry.api',
  'poetry.masonry.api',
  'pdm.backend',
  'pdm.pep517.api',
  'uv_build',
  'scikit_build_core.build',
  'mesonpy',
  'enscons.api',
  'whey',
  'sipbuild.api',
  'pbr.build',
]);
const SETUPTOOLS = new Set(['setuptools.build_meta', 'setuptools.build_meta:__legacy__']);

export interface BackendRead {
  readonly backend: Backend;
  /** The `build-backend` string, when pyproject.toml names one. */
  readonly buildBackend: string | null;
}

export function detectBackend(pyproject: TomlDoc | null, hasRustExtensions: boolean): BackendRead {
  const buildBackend = pyproject?.string(['build-system', 'build-backend']) ?? null;
  const hasMaturinTable = pyproject?.table(['tool', 'maturin']) !== undefined && pyproject !== null;
  const inTree = pyproject?.get(['build-system', 'backend-path']) !== undefined;
  if (buildBackend === 'maturin') return { backend: 'maturin', buildBackend };
  const setuptools = buildBackend === null ? pyproject?.table(['build-system']) === undefined || hasRustExtensions : SETUPTOOLS.has(buildBackend);
  if (setuptools && hasRustExtensions) return { backend: 'setuptools-rust', buildBackend };
  if (hasMaturinTable) return { backend: 'hybrid', buildBackend };
  if (buildBackend !== null && pyproject && !inTree && !PYTHON_ONLY.has(buildBackend) && !SETUPTOOLS.has(buildBackend)) {
    throw unknownBackend(pyproject, buildBackend);
  }
  return { backend: 'unknown', buildBackend };
}

function unknownBackend(pyproject: TomlDoc, buildBackend: string): WheelbenchError {
  const line = pyproject.line(['build-system', 'build-backend']);
  const near = closeTo(buildBackend, 'maturin') ? ' Did you mean "maturin"?' : '';
  return new WheelbenchError({
    code: 'malformed-input',
    message: `${pyproject.file}:${line ?? 1}: build-backend "${buildBackend}" is not a build backend Wheelbench knows, and no backend-path says it lives in the project.${near}`,
    file: pyproject.file,
    line,
    fix: { summary: 'Use build-backend = "maturin" (with requires = ["maturin>=1,<2"]) for a Rust extension.' },
  });
}

/** Within two edits (typos such as "matruin", "maturn"). */
function closeTo(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 2) return false;
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j] as number;
      row[j] = Math.min((row[j] as number) + 1, (row[j - 1] as number) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = current;
    }
  }
  return (row[b.length] as number) <= 2;
}

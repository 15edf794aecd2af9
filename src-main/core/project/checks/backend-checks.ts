import { relative } from 'node:path';
import type { TomlInput } from '../edit/toml-format';
import { at, edit, type Check } from './check';

// What the build backend means for the people and tools that install the project.

export const backendCheck: Check = (ctx) => {
  const { pyproject, model } = ctx;
  switch (model.backend) {
    case 'hybrid':
      return [
        {
          id: 'backend.hybrid',
          severity: 'warn',
          message: `Hybrid backend: pip, uv and \`python -m build\` run ${ctx.buildBackend ?? 'setuptools'}, which builds a pure-Python wheel without the Rust extension; only \`maturin build\` (or Wheelbench) reads [tool.maturin] and builds ${model.moduleName ?? 'the extension'}. Installs from source will not have the compiled module, and code that imports it must cope.`,
          ...at(pyproject, ['build-system', 'build-backend']),
          fix: {
            summary: 'Keep it if that is the intent (fast installs without Rust; platform wheels from maturin). Otherwise set build-backend = "maturin" so every install builds the extension — which then needs Rust (and protoc, if build.rs uses it) wherever it is installed from source.',
          },
        },
      ];
    case 'setuptools-rust':
      return [
        {
          id: 'backend.setuptools-rust',
          severity: 'info',
          message:
            'setuptools-rust project: setup.py drives the build, so Wheelbench reads and checks the crate (module names, PyO3 and Python versions, build needs) but cannot build or cross-compile it with maturin, and cannot edit setup.py for you. Build it with `pip wheel .` or `python -m build`.',
          file: ctx.setupPy ?? pyproject?.file,
          fix: { summary: 'To get Wheelbench builds and cross-compiling, move the extension to maturin: `maturin init` writes a pyproject.toml next to the crate; then drop the RustExtension from setup.py.' },
        },
      ];
    case 'unknown':
      if (!pyproject || (!ctx.crate && ctx.manifestCandidates.length === 0)) return [];
      return [
        {
          id: 'backend.unknown',
          severity: 'error',
          message: ctx.buildBackend
            ? `build-backend "${ctx.buildBackend}" does not build Rust and there is no [tool.maturin] table: pip and uv will install this project without its Rust extension.`
            : 'pyproject.toml names no build-backend, so pip falls back to setuptools, which does not build the Rust crate.',
          ...at(pyproject, ['build-system']),
          fix: { summary: 'Set [build-system] requires = ["maturin>=1,<2"] and build-backend = "maturin".' },
          edits: [
            {
              id: 'backend.unknown',
              summary: 'Use maturin as the build backend',
              plan: () => [
                edit(pyproject, [
                  { kind: 'set', path: ['build-system', 'requires'], value: ['maturin>=1,<2'] },
                  { kind: 'set', path: ['build-system', 'build-backend'], value: 'maturin' },
                ]),
              ],
            },
          ],
        },
      ];
    case 'maturin':
      return [
        {
          id: 'compatibility.pep517-off',
          severity: 'info',
          message:
            'PEP 517 builds (`pip wheel`, `python -m build`, `uv build`) run maturin with `--compatibility off` unless told otherwise, whatever [tool.maturin] says: on Linux they make `linux_x86_64` wheels, which PyPI rejects. Wheelbench builds with maturin directly, which checks and tags manylinux.',
          ...at(pyproject, ['build-system', 'build-backend']),
          fix: {
            summary: 'For release wheels built through PEP 517, pass a manylinux compatibility.',
            command: 'MATURIN_PEP517_ARGS="--compatibility manylinux2014" python -m build --wheel',
          },
        },
      ];
  }
};

/** uv caches a built project until one of its cache keys changes; by default those are Python files only. */
export const uvCacheKeysCheck: Check = (ctx) => {
  const { pyproject, model } = ctx;
  if (!pyproject || model.backend !== 'maturin' || !ctx.uv.used || !ctx.crate) return [];
  const keys = ctx.uv.cacheKeys ?? [];
  const watchesRust = keys.some((k) => typeof k === 'object' && k !== null && typeof (k as { file?: unknown }).file === 'string' && /\.rs\b|\*\*\/\*/.test((k as { file: string }).file));
  if (watchesRust) return [];
  const cargoToml = relative(ctx.root, ctx.crate.doc.file).split('\\').join('/');
  const wanted: TomlInput[] = [{ file: 'pyproject.toml' }, { file: cargoToml }, { file: '**/*.rs' }];
  if (ctx.crate.workspace && ctx.crate.workspace !== ctx.crate.doc) wanted.splice(2, 0, { file: relative(ctx.root, ctx.crate.workspace.file).split('\\').join('/') });
  return [
    {
      id: 'uv.cache-keys',
      severity: 'warn',
      message:
        'uv is used here, but [tool.uv] cache-keys does not cover the Rust sources: after you edit a .rs file, `uv sync` / `uv run` keep the old compiled extension and your change seems to do nothing.',
      ...at(pyproject, ['tool', 'uv', 'cache-keys']),
      fix: { summary: 'Add pyproject.toml, Cargo.toml and **/*.rs to [tool.uv] cache-keys so uv rebuilds after Rust edits.' },
      edits: [
        {
          id: 'uv.cache-keys',
          summary: 'Add Rust sources to [tool.uv] cache-keys',
          plan: () => [edit(pyproject, [{ kind: 'append', path: ['tool', 'uv', 'cache-keys'], items: wanted }])],
        },
      ],
    },
  ];
};

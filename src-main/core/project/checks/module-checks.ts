import { relative } from 'node:path';
import { at, edit, type Check, type PlannedFix } from './check';

// `import pkg._core` calls `PyInit__core` in the extension; PyO3 exports `PyInit_<#[pymodule] name>`.
// When the last part of module-name (or the [lib] name, without one) differs, the wheel builds fine and
// then fails at import with "dynamic module does not define module export function".

export const moduleNameCheck: Check = (ctx) => {
  const { model, crate, pyproject } = ctx;
  if (model.bindings !== 'pyo3' || !crate || !model.moduleName) return [];
  const expected = model.moduleName.split('.').pop() as string;
  const decls = ctx.pymodules;
  if (decls.length === 0) {
    return [
      {
        id: 'pymodule.missing',
        severity: 'warn',
        message: `No #[pymodule] found in ${relative(ctx.root, crate.dir) || '.'}/src: Python will find no PyInit_${expected} to call when it imports ${model.moduleName}.`,
        file: crate.libPath,
        fix: { summary: `Add a #[pymodule] named ${expected} to ${relative(ctx.root, crate.libPath)}.` },
      },
    ];
  }
  if (decls.some((d) => d.name === expected)) return [];
  const decl = decls[0]!;
  const fromModuleName = pyproject?.string(['tool', 'maturin', 'module-name']) !== undefined;
  const setuptools = model.backend === 'setuptools-rust';
  const where = setuptools ? 'the RustExtension target in setup.py' : fromModuleName ? '[tool.maturin] module-name' : `the [lib] name in ${relative(ctx.root, crate.doc.file)}`;
  const prefix = model.moduleName.includes('.') ? model.moduleName.slice(0, model.moduleName.lastIndexOf('.') + 1) : '';
  const edits: PlannedFix[] = [];
  if (!setuptools && pyproject && (model.backend === 'maturin' || model.backend === 'hybrid')) {
    edits.push({
      id: 'module-name.mismatch',
      summary: `Set [tool.maturin] module-name = "${prefix}${decl.name}"`,
      plan: () => [edit(pyproject, [{ kind: 'set', path: ['tool', 'maturin', 'module-name'], value: `${prefix}${decl.name}` }])],
    });
  } else if (!setuptools) {
    edits.push({ id: 'module-name.mismatch', summary: `Set [lib] name = "${decl.name}"`, plan: () => [edit(crate.doc, [{ kind: 'set', path: ['lib', 'name'], value: decl.name }])] });
  }
  return [
    {
      id: 'module-name.mismatch',
      severity: 'error',
      message: `Python will import ${model.moduleName} and look for PyInit_${expected}, but the Rust code exports PyInit_${decl.name} (${decl.renamed ? 'its name = "…" attribute' : `#[pymodule] ${decl.name}`} at ${relative(ctx.root, decl.file)}:${decl.line}). The build succeeds and the import fails with "dynamic module does not define module export function".`,
      ...(fromModuleName ? at(pyproject, ['tool', 'maturin', 'module-name']) : setuptools ? { file: ctx.setupPy ?? undefined } : at(crate.doc, ['lib', 'name'])),
      fix: { summary: `Make ${where} end in "${decl.name}", or rename the #[pymodule] to ${expected}.` },
      edits: edits.length ? edits : undefined,
    },
  ];
};

/**
 * Python loads a cdylib. maturin asks cargo for one itself (`cargo rustc --crate-type cdylib`), so its
 * builds work, but `cargo build` then makes nothing Python can load and setuptools-rust relies on it.
 */
export const crateTypeCheck: Check = (ctx) => {
  const { crate, model } = ctx;
  if (!crate || model.bindings === 'bin' || model.bindings === null || model.backend === 'unknown') return [];
  if (!crate.crateTypeDeclared || crate.crateTypes.includes('cdylib')) return [];
  const setuptools = model.backend === 'setuptools-rust';
  return [
    {
      id: 'crate-type.no-cdylib',
      severity: setuptools ? 'warn' : 'info',
      message: `[lib] crate-type is [${crate.crateTypes.map((t) => `"${t}"`).join(', ')}], without "cdylib". ${
        setuptools ? 'setuptools-rust may build no loadable extension from it.' : 'maturin builds a cdylib anyway, but `cargo build` produces no library Python can load, which confuses tools and people.'
      }`,
      ...at(crate.doc, ['lib', 'crate-type']),
      fix: { summary: 'Add "cdylib" to [lib] crate-type (keep "rlib" too if Rust code or tests use the crate).' },
      edits: [{ id: 'crate-type.no-cdylib', summary: 'Add "cdylib" to [lib] crate-type', plan: () => [edit(crate.doc, [{ kind: 'append', path: ['lib', 'crate-type'], items: ['cdylib'] }])] }],
    },
  ];
};

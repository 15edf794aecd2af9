import { relative } from 'node:path';
import { at, edit, type Check, type Finding } from './check';

// Can maturin find what it builds: the crate, a real package manifest, the Python sources, a version?

export const manifestChecks: Check = (ctx) => {
  const found: Finding[] = [];
  const { pyproject } = ctx;
  // With a Python-only backend there is no maturin to find the crate: backend.unknown says so instead.
  if (!ctx.manifestExists && (ctx.model.backend === 'maturin' || ctx.model.backend === 'hybrid')) {
    const candidate = ctx.manifestCandidates.length === 1 ? ctx.manifestCandidates[0] : undefined;
    found.push({
      id: 'cargo.missing',
      severity: 'error',
      message: `No Cargo.toml at ${ctx.manifestRel}: maturin has no Rust crate to build.${
        ctx.manifestCandidates.length ? ` The crate${ctx.manifestCandidates.length > 1 ? 's' : ''} that use${ctx.manifestCandidates.length > 1 ? '' : 's'} pyo3 here: ${ctx.manifestCandidates.join(', ')}.` : ''
      }`,
      ...at(pyproject, ['tool', 'maturin', 'manifest-path']),
      fix: { summary: candidate ? `Point [tool.maturin] manifest-path at ${candidate}.` : 'Point [tool.maturin] manifest-path at the crate, or run `maturin init` here.' },
      edits:
        candidate && pyproject
          ? [{ id: 'cargo.missing', summary: `Set [tool.maturin] manifest-path = "${candidate}"`, plan: () => [edit(pyproject, [{ kind: 'set', path: ['tool', 'maturin', 'manifest-path'], value: candidate }])] }]
          : undefined,
    });
  }
  if (ctx.virtualWorkspace) {
    const ws = ctx.virtualWorkspace;
    const member = ws.pyo3Members[0] ? relative(ctx.root, `${ws.doc.file.slice(0, -'Cargo.toml'.length)}${ws.pyo3Members[0]}`) : undefined;
    found.push({
      id: 'cargo.virtual-workspace',
      severity: 'error',
      message: `${relative(ctx.root, ws.doc.file)} is a virtual workspace (a [workspace] without a [package]): maturin needs the Cargo.toml of the one crate that becomes the extension.`,
      file: ws.doc.file,
      line: ws.doc.line(['workspace']),
      fix: { summary: member ? `Set [tool.maturin] manifest-path = "${member}" (the member that depends on pyo3).` : 'Set [tool.maturin] manifest-path to the member crate that depends on pyo3.' },
      edits:
        member && pyproject
          ? [{ id: 'cargo.virtual-workspace', summary: `Set [tool.maturin] manifest-path = "${member}"`, plan: () => [edit(pyproject, [{ kind: 'set', path: ['tool', 'maturin', 'manifest-path'], value: member }])] }]
          : undefined,
    });
  }
  if (!pyproject) {
    found.push({
      id: 'pyproject.missing',
      severity: 'warn',
      message: 'No pyproject.toml: maturin can build from Cargo.toml alone, but pip, uv and `python -m build` cannot build this project at all.',
      fix: { summary: 'Add a pyproject.toml with build-backend = "maturin" (`maturin init` writes one).' },
    });
  }
  return found;
};

export const pythonSourceCheck: Check = (ctx) => {
  const explicit = ctx.pyproject?.string(['tool', 'maturin', 'python-source']);
  if (explicit === undefined || ctx.pythonSourceExists) return [];
  return [
    {
      id: 'python-source.missing',
      severity: 'error',
      message: `[tool.maturin] python-source is "${explicit}", but there is no such folder: maturin would package no Python code.`,
      ...at(ctx.pyproject, ['tool', 'maturin', 'python-source']),
      fix: { summary: `Create ${explicit}/ with your package in it, or correct python-source.` },
    },
  ];
};

export const versionCheck: Check = (ctx) => {
  const { pyproject } = ctx;
  if (!pyproject || !pyproject.table(['project']) || ctx.model.backend === 'setuptools-rust') return [];
  const hasVersion = pyproject.get(['project', 'version']) !== undefined;
  const dynamic = pyproject.strings(['project', 'dynamic']) ?? [];
  if (hasVersion || dynamic.includes('version')) return [];
  return [
    {
      id: 'project.version-missing',
      severity: 'warn',
      message: '[project] has no version and does not list "version" in dynamic: PEP 621 tools (pip, uv, build) reject the metadata. maturin can take the version from Cargo.toml if you say so.',
      ...at(pyproject, ['project']),
      fix: { summary: 'Add "version" to [project] dynamic so the version comes from Cargo.toml.' },
      edits: [{ id: 'project.version-missing', summary: 'Add "version" to [project] dynamic', plan: () => [edit(pyproject, [{ kind: 'append', path: ['project', 'dynamic'], items: ['version'] }])] }],
    },
  ];
};

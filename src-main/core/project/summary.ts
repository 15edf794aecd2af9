import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Backend, ProjectProblem, ProjectSummary } from '../../common/domain';
import { WheelbenchError } from '../../common/errors';
import { readTomlFile, str, table, type TomlTable } from './read-toml';

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

function backendOf(pyproject: TomlTable | undefined): Backend {
  const buildSystem = table(pyproject?.['build-system']);
  const backend = str(buildSystem?.['build-backend']) ?? '';
  const hasMaturinTable = table(table(pyproject?.tool)?.maturin) !== undefined;
  if (backend === 'maturin') return 'maturin';
  if (hasMaturinTable) return 'hybrid';
  if (backend.startsWith('setuptools')) return 'setuptools-rust';
  return 'unknown';
}

function pyo3Of(cargo: TomlTable | undefined): { version: string | null; abi3: string | null } {
  const spec = table(cargo?.dependencies)?.pyo3;
  if (spec === undefined) return { version: null, abi3: null };
  const version = typeof spec === 'string' ? spec : (str(table(spec)?.version) ?? null);
  const features = Array.isArray(table(spec)?.features) ? (table(spec)?.features as unknown[]) : [];
  const abi3Feature = features.map(String).find((f) => f.startsWith('abi3'));
  const abi3 = abi3Feature ? (abi3Feature.split('-')[1] ?? 'abi3') : null;
  return { version, abi3 };
}

/** Reads enough of a project to build and describe it. Throws a WheelbenchError for bad input. */
export async function readProjectSummary(path: string): Promise<ProjectSummary> {
  const root = resolve(path);
  let info;
  try {
    info = await stat(root);
  } catch {
    throw new WheelbenchError({ code: 'not-found', message: `${root} does not exist.` });
  }
  if (!info.isDirectory()) {
    throw new WheelbenchError({ code: 'not-a-project', message: `${root} is a file; choose the folder that contains pyproject.toml.` });
  }
  const pyprojectPath = join(root, 'pyproject.toml');
  const hasPyproject = await isFile(pyprojectPath);
  const pyproject = hasPyproject ? await readTomlFile(pyprojectPath) : undefined;
  const maturin = table(table(pyproject?.tool)?.maturin);
  const manifestRel = str(maturin?.['manifest-path']) ?? 'Cargo.toml';
  const manifestPath = join(root, manifestRel);
  const hasCargo = await isFile(manifestPath);
  if (!hasPyproject && !hasCargo) {
    throw new WheelbenchError({
      code: 'not-a-project',
      message: `${root} is not a Python/Rust project: it has neither pyproject.toml nor Cargo.toml.`,
      fix: { summary: 'Open the folder that contains pyproject.toml, or create a project with `maturin new`.' },
    });
  }
  const cargo = hasCargo ? await readTomlFile(manifestPath) : undefined;
  const problems: ProjectProblem[] = [];
  if (!hasCargo) {
    problems.push({
      id: 'cargo.missing',
      severity: 'error',
      message: `No Cargo.toml at ${manifestRel}: maturin has no Rust crate to build.`,
      file: pyprojectPath,
      fix: { summary: 'Point [tool.maturin] manifest-path at the crate, or run `maturin init` here.' },
    });
  }
  if (!hasPyproject) {
    problems.push({
      id: 'pyproject.missing',
      severity: 'warn',
      message: 'No pyproject.toml: maturin will build from Cargo.toml alone, with default metadata.',
      fix: { summary: 'Add a pyproject.toml with build-backend = "maturin" (`maturin init` writes one).' },
    });
  }
  const project = table(pyproject?.project);
  const cargoPackage = table(cargo?.package);
  const libName = str(table(cargo?.lib)?.name) ?? str(cargoPackage?.name)?.replace(/-/g, '_') ?? null;
  const pyo3 = pyo3Of(cargo);
  const pythonSource = str(maturin?.['python-source']) ?? null;
  return {
    root,
    backend: backendOf(pyproject),
    name: str(project?.name) ?? str(cargoPackage?.name) ?? null,
    moduleName: str(maturin?.['module-name']) ?? libName,
    bindings: pyo3.version ? 'pyo3' : ((str(maturin?.bindings) as ProjectSummary['bindings']) ?? null),
    pythonSource: pythonSource ? join(root, pythonSource) : null,
    manifestPath: hasCargo ? manifestPath : null,
    pyo3Version: pyo3.version,
    abi3: pyo3.abi3,
    problems,
  };
}


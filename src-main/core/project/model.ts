import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import type { Bindings, MaturinSettings, ProjectSummary, SetuptoolsRustExtension } from '../../common/domain';
import { WheelbenchError } from '../../common/errors';
import { findExecutable } from '../process/which';
import { detectBackend } from './backend';
import { buildNeeds, lockedCrates } from './build-needs';
import { declaresPyo3, readCrate, type CrateModel, type DependencySpec } from './cargo-crate';
import { cargoConfigEnv, cargoConfigFiles } from './cargo-config';
import type { ProjectContext, TargetedPython } from './context';
import { exists, isDirectory, isFile, walkFiles } from './files';
import { cargoToPep440 } from './pep440';
import { scanPyModules } from './pymodule-scan';
import { abi3Tag, classifierVersions, NEWEST_CPYTHON, py, pyCompare, pyo3PythonRange, pythonBounds, type PythonBounds } from './python-versions';
import { isTable, readProjectText, readTomlDoc, type TomlDoc } from './read-toml';
import { pyprojectExtensions, setupPyExtensions } from './setup-py';
import { installedToolchains, toolchainPins, toPin } from './toolchain-pin';

const NIX_FILES = ['flake.nix', 'flake.lock', 'default.nix', 'shell.nix', 'devenv.nix'];

async function rootDir(path: string): Promise<string> {
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
  return root;
}

/** Reads a project folder into its model. Throws a WheelbenchError (with file:line) for unreadable or malformed input. */
export async function readProjectContext(path: string, env: NodeJS.ProcessEnv = process.env): Promise<ProjectContext> {
  const root = await rootDir(path);
  const pyprojectPath = join(root, 'pyproject.toml');
  const pyproject = (await exists(pyprojectPath)) ? await readTomlDoc(pyprojectPath) : null;
  const setupPyPath = join(root, 'setup.py');
  const setupPy = (await exists(setupPyPath)) ? await readProjectText(setupPyPath, 'a setup.py') : null;
  const extensions: SetuptoolsRustExtension[] = [...(setupPy ? setupPyExtensions(setupPy) : []), ...(pyproject ? pyprojectExtensions(pyproject) : [])];
  const { backend, buildBackend } = detectBackend(pyproject, extensions.length > 0);
  const maturinTable = pyproject?.table(['tool', 'maturin']);

  const manifestRel =
    backend === 'setuptools-rust' ? (extensions[0]?.path ?? 'Cargo.toml') : (pyproject?.string(['tool', 'maturin', 'manifest-path']) ?? 'Cargo.toml');
  const manifestPath = resolve(root, manifestRel);
  const manifestExists = await exists(manifestPath);
  if (!pyproject && !manifestExists && !setupPy) {
    throw new WheelbenchError({
      code: 'not-a-project',
      message: `${root} is not a Python/Rust project: it has neither pyproject.toml nor Cargo.toml.`,
      fix: { summary: 'Open the folder that contains pyproject.toml, or create a project with `maturin new`.' },
    });
  }
  const read = manifestExists ? await readCrate(manifestPath) : null;
  const crate = read?.kind === 'crate' ? read.crate : null;
  const virtualWorkspace = read?.kind === 'virtual' ? read.workspace : null;
  const pyo3 = crate?.dependencies.find((d) => d.crate === 'pyo3') ?? crate?.dependencies.find((d) => d.crate === 'pyo3-ffi') ?? null;

  const maturin = maturinSettings(pyproject);
  const pyo3Features = crate && pyo3 ? effectivePyo3Features(crate, pyo3, maturin.features) : [];
  const lockFile = join(crate?.workspace ? dirname(crate.workspace.file) : (crate?.dir ?? root), 'Cargo.lock');
  const locked = await lockedCrates(lockFile);
  const pyo3Locked = await lockedVersion(lockFile, pyo3?.crate ?? 'pyo3');
  const pythonRange = pyo3 ? pyo3PythonRange(pyo3Locked ?? pyo3.version ?? '') : null;
  const abi3 = abi3Of(pyo3Features, pythonRange?.min ?? null);

  const moduleName = pyproject?.string(['tool', 'maturin', 'module-name']) ?? (backend === 'setuptools-rust' ? (extensions[0]?.target ?? null) : null) ?? crate?.libName ?? null;
  const bindings = bindingsOf(maturin.bindings, crate);
  const pythonSource = await pythonSourceOf(root, pyproject, moduleName);
  const requiresPython = pyproject?.string(['project', 'requires-python']) ?? null;
  const bounds = requiresPython === null ? null : pythonBounds(requiresPython);
  const pins = await toolchainPins(root);
  const installed = pins.applying ? await installedToolchains(env) : null;
  const buildDepNames = new Set([...locked, ...(await buildDependencyNames(crate))]);
  const needSources = buildNeeds(buildDepNames);
  const uvTable = pyproject?.table(['tool', 'uv']);
  const cargoConfigs = await cargoConfigFiles(root, env);

  const model: Omit<ProjectSummary, 'problems'> = {
    root,
    backend,
    name: pyproject?.string(['project', 'name']) ?? crate?.name ?? null,
    moduleName,
    bindings,
    pythonSource,
    manifestPath: manifestExists ? manifestPath : null,
    pyo3Version: pyo3?.version ?? null,
    abi3,
    ...versionOf(pyproject, crate),
    requiresPython,
    pythonRange,
    pyo3Locked,
    pyo3Features,
    pythonPackages: pyproject?.strings(['tool', 'maturin', 'python-packages']) ?? [],
    extension: moduleName && bindings ? extensionPlace(moduleName, bindings, pythonSource, abi3 !== null, crate) : null,
    crate: crate
      ? {
          name: crate.name,
          manifestPath: crate.doc.file,
          libName: crate.libName,
          crateTypes: crate.crateTypes,
          workspaceRoot: crate.workspace && crate.workspace !== crate.doc ? crate.workspace.file : null,
          hasBinTarget: crate.hasBin,
        }
      : null,
    maturin: maturinTable ? maturin : null,
    toolchain: pins.applying ? toPin(pins.applying, installed) : null,
    cargoConfigs,
    buildNeeds: needSources.map((n) => n.need),
    nixFiles: (await Promise.all(NIX_FILES.map(async (f) => ((await isFile(join(root, f))) ? join(root, f) : null)))).filter((f): f is string => f !== null),
    setuptoolsRust: extensions,
  };
  return {
    model,
    root,
    pyproject,
    buildBackend,
    manifestRel,
    manifestExists,
    manifestCandidates: manifestExists ? [] : await pyo3Manifests(root),
    crate,
    virtualWorkspace,
    pyo3,
    pymodules: crate && bindings === 'pyo3' ? await scanPyModules(crate.libPath) : [],
    pythonSourceExists: pythonSource === null || (await isDirectory(pythonSource)),
    targetedPythons: await targetedPythons(root, pyproject, bounds),
    requiresPythonBounds: bounds,
    uv: { used: uvTable !== undefined || (await isFile(join(root, 'uv.lock'))), cacheKeys: pyproject?.array(['tool', 'uv', 'cache-keys']) ?? null },
    unseenPins: pins.unseen,
    needSources,
    host: {
      protoc: env.PROTOC ? findExecutable(env.PROTOC, env) : findExecutable('protoc', env),
      cCompiler: findExecutable(env.CC ?? 'cc', env) ?? findExecutable('gcc', env) ?? findExecutable('clang', env),
      hasRustup: findExecutable('rustup', env) !== null,
    },
    setupPy: setupPy === null ? null : setupPyPath,
    cargoEnv: await cargoConfigEnv(cargoConfigs),
    env,
  };
}

function maturinSettings(pyproject: TomlDoc | null): MaturinSettings {
  const globs = (key: string) =>
    (pyproject?.array(['tool', 'maturin', key]) ?? []).flatMap((entry) => (typeof entry === 'string' ? [entry] : isTable(entry) && typeof entry.path === 'string' ? [entry.path] : []));
  return {
    features: pyproject?.strings(['tool', 'maturin', 'features']) ?? [],
    include: globs('include'),
    exclude: globs('exclude'),
    compatibility: pyproject?.string(['tool', 'maturin', 'compatibility']) ?? pyproject?.string(['tool', 'maturin', 'manylinux']) ?? null,
    bindings: pyproject?.string(['tool', 'maturin', 'bindings']) ?? null,
  };
}

/** maturin's own detection: pyo3 (or pyo3-ffi) → pyo3, uniffi → uniffi, a cdylib otherwise → cffi, a binary → bin. */
function bindingsOf(explicit: string | null, crate: CrateModel | null): Bindings | null {
  if (explicit === 'pyo3' || explicit === 'pyo3-ffi') return 'pyo3';
  if (explicit === 'cffi' || explicit === 'uniffi' || explicit === 'bin') return explicit;
  if (!crate) return null;
  const deps = new Set(crate.dependencies.map((d) => d.crate));
  if (deps.has('pyo3') || deps.has('pyo3-ffi')) return 'pyo3';
  if (deps.has('uniffi')) return 'uniffi';
  if (crate.crateTypes.includes('cdylib')) return 'cffi';
  if (crate.hasBin) return 'bin';
  return null;
}

/** pyo3 features as cargo will resolve them: the dependency's own, crate features that forward (`abi3 = ["pyo3/abi3-py38"]`) and `[tool.maturin] features`. */
function effectivePyo3Features(crate: CrateModel, pyo3: DependencySpec, maturinFeatures: readonly string[]): string[] {
  const features = new Set(pyo3.features);
  const crateFeatures = crate.features;
  const enabled = new Set<string>();
  const enable = (name: string) => {
    const slash = name.indexOf('/');
    if (slash !== -1) {
      const dep = name.slice(0, slash).replace(/\?$/, '');
      if (dep === 'pyo3' || dep === pyo3.declaredAt.path[pyo3.declaredAt.path.length - 1]) features.add(name.slice(slash + 1));
      return;
    }
    if (enabled.has(name)) return;
    enabled.add(name);
    const forwards = crateFeatures[name];
    if (Array.isArray(forwards)) for (const f of forwards) if (typeof f === 'string') enable(f);
  };
  enable('default');
  maturinFeatures.forEach(enable);
  return [...features].sort();
}

function abi3Of(features: readonly string[], pyo3Min: string | null): string | null {
  const tags = features.map((f) => /^abi3-(py\d+)$/.exec(f)?.[1]).filter((t): t is string => t !== undefined).sort();
  if (tags.length) return tags[tags.length - 1] as string;
  if (features.includes('abi3') && pyo3Min) return abi3Tag(py(pyo3Min) ?? NEWEST_CPYTHON);
  return null;
}

function versionOf(pyproject: TomlDoc | null, crate: CrateModel | null): Pick<ProjectSummary, 'version' | 'versionSource'> {
  const own = pyproject?.string(['project', 'version']);
  if (own !== undefined) return { version: own, versionSource: 'pyproject' };
  if (crate?.version) return { version: cargoToPep440(crate.version), versionSource: 'cargo' };
  return { version: null, versionSource: null };
}

async function pythonSourceOf(root: string, pyproject: TomlDoc | null, moduleName: string | null): Promise<string | null> {
  const explicit = pyproject?.string(['tool', 'maturin', 'python-source']);
  if (explicit !== undefined) return resolve(root, explicit);
  const top = moduleName?.split('.')[0];
  // maturin's auto-detection: a package folder named after the module beside pyproject.toml makes a mixed layout.
  if (top && (await isFile(join(root, top, '__init__.py')))) return root;
  return null;
}

function extensionPlace(moduleName: string, bindings: Bindings, pythonSource: string | null, abi3: boolean, crate: CrateModel | null): ProjectSummary['extension'] {
  if (bindings === 'bin') return { inWheel: `<name>.data/scripts/${crate?.name ?? moduleName}`, inSource: null };
  const parts = moduleName.split('.');
  const last = parts[parts.length - 1] as string;
  // cffi and uniffi wheels carry a package folder with the library and its generated Python bindings.
  if (bindings === 'cffi' || bindings === 'uniffi') return { inWheel: `${parts.join('/')}/`, inSource: pythonSource ? join(pythonSource, ...parts) : null };
  const suffix = process.platform === 'win32' ? '.pyd' : abi3 ? '.abi3.so' : '.cpython-<version>-<platform>.so';
  // A module without a package part still lands inside a package folder of its own name.
  const dirs = parts.length > 1 ? parts.slice(0, -1) : [last];
  const inWheel = [...dirs, `${last}${suffix}`].join('/');
  return { inWheel, inSource: pythonSource ? join(pythonSource, ...dirs, `${last}${suffix}`) : null };
}

async function lockedVersion(lockFile: string, crate: string): Promise<string | null> {
  const text = await readFile(lockFile, 'utf8').catch(() => '');
  const m = new RegExp(`\\[\\[package\\]\\]\\s*\\r?\\nname = "${crate}"\\s*\\r?\\nversion = "([^"]+)"`).exec(text);
  return m?.[1] ?? null;
}

/** build-dependencies of the crate and of its path dependencies, for projects without a Cargo.lock yet. */
async function buildDependencyNames(crate: CrateModel | null): Promise<string[]> {
  if (!crate) return [];
  const names = crate.buildDependencies.map((d) => d.crate);
  for (const dep of crate.dependencies) {
    if (!dep.path) continue;
    const read = await readCrate(join(dep.path, 'Cargo.toml')).catch(() => null);
    if (read?.kind === 'crate') names.push(...read.crate.buildDependencies.map((d) => d.crate));
  }
  return names;
}

async function targetedPythons(root: string, pyproject: TomlDoc | null, bounds: PythonBounds | null): Promise<TargetedPython[]> {
  const out: TargetedPython[] = [];
  if (pyproject) {
    const classifiers = pyproject.strings(['project', 'classifiers']) ?? [];
    for (const version of classifierVersions(classifiers)) out.push({ version, source: 'classifier', file: pyproject.file, line: pyproject.line(['project', 'classifiers']) });
  }
  const pinFile = join(root, '.python-version');
  const pinned = (await readFile(pinFile, 'utf8').catch(() => '')).split(/\r?\n/).map((l) => py(l)).filter((v) => v !== null);
  for (const version of pinned) out.push({ version, source: '.python-version', file: pinFile, line: 1 });
  if (pyproject && bounds?.below) {
    const top = { major: bounds.below.major, minor: bounds.below.minor - 1 };
    out.push({ version: top, source: 'requires-python', file: pyproject.file, line: pyproject.line(['project', 'requires-python']) });
  } else if (pyproject && bounds?.min) {
    out.push({ version: NEWEST_CPYTHON, source: 'requires-python', file: pyproject.file, line: pyproject.line(['project', 'requires-python']) });
  }
  return out.filter((t, i) => out.findIndex((o) => pyCompare(o.version, t.version) === 0 && o.source === t.source) === i);
}

/** Cargo.toml files below the root that depend on pyo3: where manifest-path probably should point. */
async function pyo3Manifests(root: string): Promise<string[]> {
  const manifests = await walkFiles(root, (p) => basename(p) === 'Cargo.toml', { maxDepth: 4, maxFiles: 4000 });
  const out: string[] = [];
  for (const file of manifests) {
    const text = await readFile(file, 'utf8').catch(() => '');
    if (declaresPyo3(text) && /^\s*\[package\]/m.test(text)) out.push(relative(root, file));
  }
  return out;
}


import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ProjectSummary } from '../../../src-main/common/domain';
import { findExecutable } from '../../../src-main/core/process/which';
import { readProjectSummary } from '../../../src-main/core/project/summary';
import { repoRoot } from '../../helpers/paths';

// Each fixture is written in the shape of a real public project (see the comments in the fixture
// generator's names); every model is asserted field by field. Paths come back relative to the fixture.

const FIXTURES = join(repoRoot, 'test', 'fixtures', 'projects');
/** A machine with nothing on PATH: no protoc, no C compiler, no rustup. */
const BARE_ENV: NodeJS.ProcessEnv = { PATH: mkdtempSync(join(tmpdir(), 'wheelbench-empty-path-')), HOME: mkdtempSync(join(tmpdir(), 'wheelbench-home-')) };

type Relative = Omit<ProjectSummary, 'problems'> & { problems: string[] };

async function model(name: string, env: NodeJS.ProcessEnv = BARE_ENV): Promise<Relative> {
  const root = join(FIXTURES, name);
  const summary = await readProjectSummary(root, env);
  const relative = JSON.parse(JSON.stringify(summary).split(`${root}/`).join('').split(root).join('.')) as ProjectSummary;
  return { ...relative, problems: summary.problems.map((p) => `${p.severity} ${p.id}${p.fixes ? ` [${p.fixes.map((f) => f.id).join(' ')}]` : ''}`) };
}

const PEP517 = 'info compatibility.pep517-off';
const noExtras = { pythonPackages: [], toolchain: null, cargoConfigs: [], buildNeeds: [], nixFiles: [], setuptoolsRust: [] };

describe('the project model on real layouts', () => {
  it('mixed layout with python-source and module-name (pydantic-core shape)', async () => {
    expect(await model('mixed-python-source')).toEqual({
      root: '.',
      backend: 'maturin',
      name: 'fastcore-kit',
      moduleName: 'fastcore_kit._core',
      bindings: 'pyo3',
      pythonSource: 'python',
      manifestPath: 'Cargo.toml',
      pyo3Version: '0.22.2',
      abi3: 'py39',
      version: '2.1.0rc1',
      versionSource: 'cargo',
      requiresPython: '>=3.9',
      pythonRange: { min: '3.7', max: '3.13' },
      pyo3Locked: null,
      pyo3Features: ['abi3-py39', 'extension-module'],
      extension: { inWheel: 'fastcore_kit/_core.abi3.so', inSource: 'python/fastcore_kit/_core.abi3.so' },
      crate: { name: 'fastcore-kit', manifestPath: 'Cargo.toml', libName: '_core', crateTypes: ['cdylib'], workspaceRoot: null, hasBinTarget: false },
      maturin: { features: ['pyo3/extension-module'], include: [], exclude: [], compatibility: null, bindings: null },
      ...noExtras,
      problems: [PEP517],
    });
  });

  it('virtual workspace + manifest-path, workspace-inherited version and pyo3 (polars shape)', async () => {
    const m = await model('workspace-manifest-path');
    expect(m).toMatchObject({
      backend: 'maturin',
      name: 'tabular',
      moduleName: 'tabular._tabular',
      pythonSource: 'py',
      manifestPath: 'crates/tabular-py/Cargo.toml',
      pyo3Version: '0.23',
      abi3: 'py310',
      version: '3.0.0a0',
      versionSource: 'cargo',
      pythonRange: { min: '3.7', max: '3.13' },
      pyo3Features: ['abi3-py310', 'extension-module'],
      crate: { name: 'tabular-py', libName: '_tabular', crateTypes: ['cdylib', 'rlib'], workspaceRoot: 'Cargo.toml' },
      maturin: { include: ['LICENSE'], exclude: ['py/tabular/**/*.pyi.bak'] },
      extension: { inWheel: 'tabular/_tabular.abi3.so', inSource: 'py/tabular/_tabular.abi3.so' },
    });
    expect(m.problems).toEqual([PEP517]);
  });

  it('pyproject.toml inside a workspace member', async () => {
    const m = await model('member-pyproject/bindings/python');
    expect(m).toMatchObject({
      backend: 'maturin',
      name: 'geomcore',
      version: '0.4.2',
      versionSource: 'pyproject',
      moduleName: 'geomcore',
      pythonSource: null,
      manifestPath: 'Cargo.toml',
      pyo3Version: '0.25.1',
      abi3: 'py311',
      requiresPython: '>=3.11,<3.15',
      pythonRange: { min: '3.7', max: '3.14' },
      crate: { name: 'geomcore-python', libName: 'geomcore', workspaceRoot: join(FIXTURES, 'member-pyproject', 'Cargo.toml') },
      extension: { inWheel: 'geomcore/geomcore.abi3.so', inSource: null },
    });
    expect(m.problems).toEqual(['warn pyo3.extension-module [pyo3.extension-module]', PEP517]);
  });

  it('the workspace root of that layout is not itself buildable: a virtual manifest, named as such', async () => {
    const m = await model('member-pyproject');
    expect(m).toMatchObject({ backend: 'unknown', manifestPath: 'Cargo.toml', crate: null, bindings: null });
    expect(m.problems).toEqual(['error cargo.virtual-workspace', 'warn pyproject.missing']);
  });

  it('crate under rust/ with a .cargo/config.toml beside it that cargo will not read (seed 000)', async () => {
    const m = await model('rust-subdir');
    expect(m).toMatchObject({
      moduleName: 'sigtools._rs',
      pythonSource: 'src',
      manifestPath: 'rust/Cargo.toml',
      pyo3Version: '0.21.2',
      abi3: 'py38',
      extension: { inWheel: 'sigtools/_rs.abi3.so', inSource: 'src/sigtools/_rs.abi3.so' },
      cargoConfigs: [{ path: 'rust/.cargo/config.toml', applies: false }],
    });
    expect(m.problems).toEqual(['warn cargo-config.not-seen [cargo-config.not-seen]', PEP517]);
  });

  it('bin bindings (a Rust CLI shipped as a wheel, ruff shape)', async () => {
    const m = await model('bin-bindings');
    expect(m).toMatchObject({
      backend: 'maturin',
      bindings: 'bin',
      moduleName: 'linthound',
      pyo3Version: null,
      abi3: null,
      pythonRange: null,
      crate: { hasBinTarget: true, crateTypes: ['lib'] },
      extension: { inWheel: '<name>.data/scripts/linthound', inSource: null },
    });
    expect(m.problems).toEqual([PEP517]);
  });

  it('hybrid hatchling + [tool.maturin], pyo3 0.20 and Python 3.13, protoc through a path dependency (seed 000)', async () => {
    const m = await model('hybrid-hatchling');
    expect(m).toMatchObject({
      backend: 'hybrid',
      name: 'agent-assembly',
      moduleName: 'agent_assembly._core',
      bindings: 'pyo3',
      pythonSource: '.',
      manifestPath: 'rust/aa-ffi-python/Cargo.toml',
      pyo3Version: '0.20',
      abi3: 'py310',
      pythonRange: { min: '3.7', max: '3.12' },
      crate: { name: 'aa-ffi-python', libName: '_core', workspaceRoot: 'rust/Cargo.toml' },
      maturin: { include: ['agent_assembly/bin/aasm', 'agent_assembly/bin/aasm.exe'], bindings: 'pyo3' },
      buildNeeds: ['protoc'],
      extension: { inWheel: 'agent_assembly/_core.abi3.so', inSource: 'agent_assembly/_core.abi3.so' },
    });
    expect(m.problems).toEqual(['error pyo3.python-too-new [pyo3.python-too-new pyo3.python-too-new.abi3]', 'warn backend.hybrid', 'warn build.protoc']);
  });

  it('setuptools-rust with setup.py RustExtension (seed 004)', async () => {
    const m = await model('setuptools-rust');
    expect(m).toMatchObject({
      backend: 'setuptools-rust',
      name: 'rustybt',
      moduleName: 'rustybt._rustybt',
      bindings: 'pyo3',
      manifestPath: 'rust/crates/rustybt/Cargo.toml',
      pyo3Version: '0.24',
      version: '0.1.0',
      setuptoolsRust: [{ target: 'rustybt._rustybt', path: 'rust/crates/rustybt/Cargo.toml', binding: 'PyO3' }],
    });
    expect(m.problems).toEqual(['warn pyo3.python-too-new [pyo3.python-too-new pyo3.python-too-new.abi3]', 'info backend.setuptools-rust', 'info abi3.not-used [abi3.not-used]']);
  });

  it('a build.rs with tonic-build needs protoc: an error when it is missing, nothing when it is there', async () => {
    const bare = await model('protoc-build-rs');
    expect(bare).toMatchObject({ buildNeeds: ['protoc'], moduleName: 'grpc_bridge', abi3: 'py39' });
    expect(bare.problems).toEqual(['error build.protoc', PEP517]);
    const protoc = findExecutable('protoc');
    if (protoc) expect((await model('protoc-build-rs', { ...BARE_ENV, PROTOC: protoc })).problems).toEqual([PEP517]);
  });

  it('non-abi3 pyo3-ffi crate with a hand-written PyInit (orjson shape)', async () => {
    const m = await model('non-abi3');
    expect(m).toMatchObject({ bindings: 'pyo3', pyo3Version: '0.27', abi3: null, pythonSource: 'pysrc', pythonRange: { min: '3.7', max: '3.14' } });
    expect(m.extension?.inWheel).toMatch(/^fastjsonish\/fastjsonish\.cpython-<version>-<platform>\.so$/);
    expect(m.problems).toEqual([PEP517, 'info abi3.not-used [abi3.not-used]']);
  });

  it.skipIf(findExecutable('rustup') === null)('a pinned toolchain that rustup has not installed (real rustup)', async () => {
    const m = await model('pinned-toolchain', process.env);
    expect(m.toolchain).toEqual({ file: 'rust-toolchain.toml', channel: '1.70.0', installed: false });
    expect(m.problems[0]).toBe('error toolchain.not-installed');
  });

  it('a pinned toolchain without rustup is ignored, and says so', async () => {
    const m = await model('pinned-toolchain');
    expect(m.toolchain).toEqual({ file: 'rust-toolchain.toml', channel: '1.70.0', installed: null });
    expect(m.problems).toEqual(['warn pyo3.extension-module [pyo3.extension-module]', 'warn toolchain.pin-without-rustup', PEP517]);
  });

  it('cffi and uniffi bindings', async () => {
    expect(await model('cffi-bindings')).toMatchObject({ bindings: 'cffi', moduleName: 'points', pyo3Version: null, extension: { inWheel: 'points/' }, problems: [PEP517] });
    expect(await model('uniffi-bindings')).toMatchObject({ bindings: 'uniffi', moduleName: 'mathffi', pyo3Version: null, problems: [PEP517] });
  });

  it('pyo3 0.20 with a Python 3.13 classifier, not abi3: both fixes offered', async () => {
    const m = await model('pyo3-too-old');
    expect(m).toMatchObject({ pyo3Version: '0.20.3', abi3: null, pythonRange: { min: '3.7', max: '3.12' }, requiresPython: '>=3.8' });
    expect(m.problems).toEqual(['error pyo3.python-too-new [pyo3.python-too-new pyo3.python-too-new.abi3]', PEP517, 'info abi3.not-used [abi3.not-used]']);
  });

  it('module-name that does not match #[pymodule]', async () => {
    const summary = await readProjectSummary(join(FIXTURES, 'module-name-mismatch'), BARE_ENV);
    const problem = summary.problems[0];
    expect(problem).toMatchObject({ id: 'module-name.mismatch', severity: 'error', file: join(FIXTURES, 'module-name-mismatch', 'pyproject.toml'), line: 12 });
    expect(problem?.message).toContain('look for PyInit__core, but the Rust code exports PyInit__native (#[pymodule] _native at src/lib.rs:8)');
    expect(problem?.fixes).toEqual([{ id: 'module-name.mismatch', summary: 'Set [tool.maturin] module-name = "ticker._native"' }]);
  });

  it('uv without cache-keys for the Rust sources', async () => {
    expect((await model('uv-no-cache-keys')).problems).toEqual(['warn uv.cache-keys [uv.cache-keys]', PEP517]);
  });

  it('#[pymodule] on a declarative mod renamed with #[pyo3(name)], and a commented-out #[pymodule]', async () => {
    const m = await model('pymodule-renamed');
    expect(m).toMatchObject({ moduleName: 'renamed._lib', crate: { libName: 'renamed' } });
    expect(m.problems).toEqual([PEP517]);
  });

  it('Cargo.toml alone: buildable by maturin, not by pip', async () => {
    const m = await model('cargo-only');
    expect(m).toMatchObject({ backend: 'unknown', name: 'bare', version: '0.0.3.dev2', versionSource: 'cargo', moduleName: 'bare', abi3: 'py39', pythonSource: null });
    expect(m.problems).toEqual(['warn pyproject.missing']);
  });

  it('a virtual workspace at the root without manifest-path: the member that uses pyo3 is offered', async () => {
    const summary = await readProjectSummary(join(FIXTURES, 'virtual-workspace'), BARE_ENV);
    expect(summary.problems[0]).toMatchObject({
      id: 'cargo.virtual-workspace',
      severity: 'error',
      fixes: [{ id: 'cargo.virtual-workspace', summary: 'Set [tool.maturin] manifest-path = "crates/vws-py/Cargo.toml"' }],
    });
  });

  it('Nix flake files are listed', async () => {
    const m = await model('nix-flake');
    expect(m).toMatchObject({ nixFiles: ['flake.nix', 'flake.lock'], moduleName: 'rcl', maturin: { compatibility: 'manylinux2014' }, abi3: 'py38' });
    expect(m.problems).toEqual([PEP517]);
  });

  it('pyo3 0.21 without extension-module and a crate-type without cdylib', async () => {
    const m = await model('no-extension-module');
    expect(m).toMatchObject({ pyo3Version: '0.21', pyo3Features: [], crate: { crateTypes: ['rlib'] }, requiresPython: '>=3.8,<3.13' });
    expect(m.problems).toEqual(['warn pyo3.extension-module [pyo3.extension-module]', PEP517, 'info crate-type.no-cdylib [crate-type.no-cdylib]', 'info abi3.not-used [abi3.not-used]']);
  });
});

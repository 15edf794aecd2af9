import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { applyProjectFix, previewProjectFix } from '../../../src-main/core/project/fix-runner';
import { readProjectSummary } from '../../../src-main/core/project/summary';
import { repoRoot } from '../../helpers/paths';
import { changedLines } from './line-diff';

// Every fix, applied to a copy of a fixture: the file afterwards differs from the original only in
// the intended lines, parses to the intended values, the original is kept in .bak, and the problem is
// gone. Each runs twice: as written (LF), and with CRLF line endings and a BOM.

const FIXTURES = join(repoRoot, 'test', 'fixtures', 'projects');
const ENV: NodeJS.ProcessEnv = { PATH: mkdtempSync(join(tmpdir(), 'wheelbench-empty-path-')), HOME: mkdtempSync(join(tmpdir(), 'wheelbench-home-')) };

type Style = 'lf' | 'crlf+bom';

function copyFixture(name: string, style: Style, edit?: (dir: string) => void): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'wheelbench-fix-')), name.replace(/\//g, '-'));
  cpSync(join(FIXTURES, name), dir, { recursive: true });
  edit?.(dir);
  if (style === 'crlf+bom') {
    for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !entry.name.endsWith('.toml')) continue;
      const path = join(entry.parentPath, entry.name);
      writeFileSync(path, `\uFEFF${readFileSync(path, 'utf8').replace(/\n/g, '\r\n')}`);
    }
  }
  return dir;
}

const read = (path: string) => readFileSync(path, 'utf8');
const tomlOf = (text: string) => parse(text.replace(/^\uFEFF/, '')) as Record<string, Record<string, Record<string, unknown>>>;

interface FixCase {
  readonly fixture: string;
  readonly fixId: string;
  /** The project folder inside the fixture, when it is not the fixture itself. */
  readonly project?: string;
  readonly prepare?: (dir: string) => void;
  readonly file: string;
  readonly removed: readonly string[];
  readonly added: readonly string[];
  readonly check: (toml: ReturnType<typeof tomlOf>) => void;
}

const CASES: readonly FixCase[] = [
  {
    fixture: 'module-name-mismatch',
    fixId: 'module-name.mismatch',
    file: 'pyproject.toml',
    removed: ['module-name = "ticker._core"'],
    added: ['module-name = "ticker._native"'],
    check: (t) => expect(t.tool?.maturin?.['module-name']).toBe('ticker._native'),
  },
  {
    fixture: 'cargo-only',
    fixId: 'module-name.mismatch',
    prepare: (dir) => writeFileSync(join(dir, 'src', 'lib.rs'), read(join(dir, 'src', 'lib.rs')).replace('fn bare(', 'fn bare_core(')),
    file: 'Cargo.toml',
    removed: [],
    added: ['name = "bare_core"'],
    check: (t) => expect(t.lib?.name).toBe('bare_core'),
  },
  {
    fixture: 'pyo3-too-old',
    fixId: 'pyo3.python-too-new',
    file: 'Cargo.toml',
    removed: ['pyo3 = { version = "0.20.3", features = ["extension-module"] }'],
    added: ['pyo3 = { version = "0.22.0", features = ["extension-module"] }'],
    check: (t) => expect(t.dependencies?.pyo3).toEqual({ version: '0.22.0', features: ['extension-module'] }),
  },
  {
    fixture: 'pyo3-too-old',
    fixId: 'pyo3.python-too-new.abi3',
    file: 'Cargo.toml',
    removed: ['pyo3 = { version = "0.20.3", features = ["extension-module"] }'],
    added: ['pyo3 = { version = "0.20.3", features = ["extension-module", "abi3-py38"] }'],
    check: (t) => expect(t.dependencies?.pyo3).toEqual({ version: '0.20.3', features: ['extension-module', 'abi3-py38'] }),
  },
  {
    fixture: 'hybrid-hatchling',
    fixId: 'pyo3.python-too-new',
    file: 'rust/Cargo.toml',
    removed: ['pyo3 = { version = "0.20", features = ["abi3-py310"] }'],
    added: ['pyo3 = { version = "0.22", features = ["abi3-py310"] }'],
    check: (t) => expect(t.workspace?.dependencies).toMatchObject({ pyo3: { version: '0.22' } }),
  },
  {
    fixture: 'no-extension-module',
    fixId: 'crate-type.no-cdylib',
    file: 'Cargo.toml',
    removed: ['crate-type = ["rlib"]'],
    added: ['crate-type = ["rlib", "cdylib"]'],
    check: (t) => expect(t.lib?.['crate-type']).toEqual(['rlib', 'cdylib']),
  },
  {
    fixture: 'no-extension-module',
    fixId: 'pyo3.extension-module',
    file: 'pyproject.toml',
    removed: [],
    added: ['features = ["pyo3/extension-module"]'],
    check: (t) => expect(t.tool?.maturin?.features).toEqual(['pyo3/extension-module']),
  },
  {
    fixture: 'member-pyproject',
    project: 'bindings/python',
    fixId: 'pyo3.extension-module',
    file: 'bindings/python/Cargo.toml',
    removed: ['pyo3 = { workspace = true, features = ["abi3-py311"] }'],
    added: ['pyo3 = { workspace = true, features = ["abi3-py311", "extension-module"] }'],
    check: (t) => expect(t.dependencies?.pyo3).toEqual({ workspace: true, features: ['abi3-py311', 'extension-module'] }),
  },
  {
    fixture: 'no-extension-module',
    fixId: 'abi3.not-used',
    file: 'Cargo.toml',
    removed: ['pyo3 = "0.21"'],
    added: ['pyo3 = { version = "0.21", features = ["abi3-py38"] }'],
    check: (t) => expect(t.dependencies?.pyo3).toEqual({ version: '0.21', features: ['abi3-py38'] }),
  },
  {
    fixture: 'uv-no-cache-keys',
    fixId: 'uv.cache-keys',
    file: 'pyproject.toml',
    removed: [],
    added: ['cache-keys = [{ file = "pyproject.toml" }, { file = "Cargo.toml" }, { file = "**/*.rs" }]'],
    check: (t) => expect(t.tool?.uv?.['cache-keys']).toEqual([{ file: 'pyproject.toml' }, { file: 'Cargo.toml' }, { file: '**/*.rs' }]),
  },
  {
    fixture: 'virtual-workspace',
    fixId: 'cargo.virtual-workspace',
    file: 'pyproject.toml',
    removed: [],
    added: ['', '[tool.maturin]', 'manifest-path = "crates/vws-py/Cargo.toml"'],
    check: (t) => expect(t.tool?.maturin?.['manifest-path']).toBe('crates/vws-py/Cargo.toml'),
  },
  {
    fixture: 'rust-subdir',
    fixId: 'cargo.missing',
    prepare: (dir) => writeFileSync(join(dir, 'pyproject.toml'), read(join(dir, 'pyproject.toml')).replace('manifest-path = "rust/Cargo.toml"\n', '')),
    file: 'pyproject.toml',
    removed: [],
    added: ['manifest-path = "rust/Cargo.toml"'],
    check: (t) => expect(t.tool?.maturin?.['manifest-path']).toBe('rust/Cargo.toml'),
  },
  {
    fixture: 'uniffi-bindings',
    fixId: 'project.version-missing',
    prepare: (dir) => writeFileSync(join(dir, 'pyproject.toml'), read(join(dir, 'pyproject.toml')).replace('version = "0.1.0"\n', '')),
    file: 'pyproject.toml',
    removed: [],
    added: ['dynamic = ["version"]'],
    check: (t) => expect(t.project?.dynamic).toEqual(['version']),
  },
  {
    fixture: 'pymodule-renamed',
    fixId: 'pyo3.python-too-old',
    prepare: (dir) => writeFileSync(join(dir, 'pyproject.toml'), read(join(dir, 'pyproject.toml')).replace('>=3.9', '>=3.7')),
    file: 'pyproject.toml',
    removed: ['requires-python = ">=3.7"'],
    added: ['requires-python = ">=3.9"'],
    check: (t) => expect(t.project?.['requires-python']).toBe('>=3.9'),
  },
  {
    fixture: 'uv-no-cache-keys',
    fixId: 'abi3.below-requires-python',
    prepare: (dir) => writeFileSync(join(dir, 'pyproject.toml'), read(join(dir, 'pyproject.toml')).replace('>=3.12', '>=3.10')),
    file: 'pyproject.toml',
    removed: ['requires-python = ">=3.10"'],
    added: ['requires-python = ">=3.12"'],
    check: (t) => expect(t.project?.['requires-python']).toBe('>=3.12'),
  },
  {
    fixture: 'hybrid-hatchling',
    fixId: 'backend.unknown',
    prepare: (dir) => {
      const text = read(join(dir, 'pyproject.toml'));
      writeFileSync(join(dir, 'pyproject.toml'), text.slice(0, text.indexOf('[tool.maturin]')));
    },
    file: 'pyproject.toml',
    removed: ['requires = ["hatchling"]', 'build-backend = "hatchling.build"'],
    added: ['requires = ["maturin>=1,<2"]', 'build-backend = "maturin"'],
    check: (t) => expect(t['build-system']).toEqual({ requires: ['maturin>=1,<2'], 'build-backend': 'maturin' }),
  },
];

const eolOf = (style: Style) => (style === 'crlf+bom' ? '\r\n' : '\n');

describe('project fixes edit only what they must', () => {
  for (const c of CASES) {
    for (const style of ['lf', 'crlf+bom'] as const) {
      it(`${c.fixId} on ${c.fixture} (${style})`, async () => {
        const dir = copyFixture(c.fixture, style, c.prepare);
        const projectDir = c.project ? join(dir, c.project) : dir;
        const file = join(dir, c.file);
        const original = read(file);

        const preview = await previewProjectFix(projectDir, c.fixId, ENV);
        expect(read(file)).toBe(original);
        expect(preview.files.map((f) => f.path)).toContain(file);
        for (const line of c.added) if (line) expect(preview.files.find((f) => f.path === file)?.diff).toContain(`+${line}`);

        const result = await applyProjectFix(projectDir, c.fixId, preview.fingerprint, ENV);
        const after = read(file);
        const eol = eolOf(style);
        expect(changedLines(original, after)).toEqual({ removed: c.removed.map((l) => `${l}${eol}`), added: c.added.map((l) => `${l}${eol}`) });
        expect(after.startsWith('\uFEFF')).toBe(style === 'crlf+bom');
        if (style === 'crlf+bom') expect(after.replace(/\r\n/g, '')).not.toContain('\n');
        c.check(tomlOf(after));
        expect(result.backups).toEqual([`${file}.bak`]);
        expect(read(`${file}.bak`)).toBe(original);
        expect(result.project.problems.flatMap((p) => p.fixes ?? []).map((f) => f.id)).not.toContain(c.fixId);
        await expect(previewProjectFix(projectDir, c.fixId, ENV)).rejects.toThrow(/No fix|has no automatic fix/);
      });
    }
  }

  it('copies a .cargo/config.toml that cargo would not see to the project root, leaving the original', async () => {
    const dir = copyFixture('rust-subdir', 'lf');
    const inner = read(join(dir, 'rust', '.cargo', 'config.toml'));
    const result = await applyProjectFix(dir, 'cargo-config.not-seen', undefined, ENV);
    expect(result.files).toMatchObject([{ path: join(dir, '.cargo', 'config.toml'), created: true }]);
    expect(read(join(dir, '.cargo', 'config.toml'))).toBe(inner);
    expect(read(join(dir, 'rust', '.cargo', 'config.toml'))).toBe(inner);
    expect(result.backups).toEqual([]);
    expect((await readProjectSummary(dir, ENV)).cargoConfigs).toEqual([
      { path: join(dir, '.cargo', 'config.toml'), applies: true },
      { path: join(dir, 'rust', '.cargo', 'config.toml'), applies: false },
    ]);
  });

  it('the abi3 route for a too-old pyo3 also writes PYO3_USE_ABI3_FORWARD_COMPATIBILITY where cargo reads it', async () => {
    const dir = copyFixture('pyo3-too-old', 'lf');
    const result = await applyProjectFix(dir, 'pyo3.python-too-new.abi3', undefined, ENV);
    expect(result.files.map((f) => [f.path, f.created])).toEqual([
      [join(dir, 'Cargo.toml'), false],
      [join(dir, '.cargo', 'config.toml'), true],
    ]);
    expect(read(join(dir, '.cargo', 'config.toml'))).toBe('[env]\nPYO3_USE_ABI3_FORWARD_COMPATIBILITY = "1"\n');
    expect(result.project.problems.map((p) => p.id)).not.toContain('pyo3.python-too-new');
  });

  it('a second .bak is never made: the first one keeps the true original', async () => {
    const dir = copyFixture('no-extension-module', 'lf');
    const original = read(join(dir, 'Cargo.toml'));
    await applyProjectFix(dir, 'crate-type.no-cdylib', undefined, ENV);
    const second = await applyProjectFix(dir, 'abi3.not-used', undefined, ENV);
    expect(second.backups).toEqual([]);
    expect(read(join(dir, 'Cargo.toml.bak'))).toBe(original);
  });

  it('refuses a stale preview and writes nothing', async () => {
    const dir = copyFixture('module-name-mismatch', 'lf');
    const preview = await previewProjectFix(dir, 'module-name.mismatch', ENV);
    const edited = read(join(dir, 'pyproject.toml')).replace('version = "1.0.0"', 'version = "1.0.1"');
    writeFileSync(join(dir, 'pyproject.toml'), edited);
    await expect(applyProjectFix(dir, 'module-name.mismatch', preview.fingerprint, ENV)).rejects.toThrow(/changed since the fix was previewed: nothing was written/);
    expect(read(join(dir, 'pyproject.toml'))).toBe(edited);
    expect(existsSync(join(dir, 'pyproject.toml.bak'))).toBe(false);
  });

  it('names the fixes there are when asked for one that is not', async () => {
    const dir = copyFixture('module-name-mismatch', 'lf');
    await expect(previewProjectFix(dir, 'no.such-fix', ENV)).rejects.toThrow('No fix no.such-fix for');
    await expect(previewProjectFix(dir, 'compatibility.pep517-off', ENV)).rejects.toThrow('Problem compatibility.pep517-off has no automatic fix');
  });
});

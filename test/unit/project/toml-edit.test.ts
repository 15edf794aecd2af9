import { parse } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { editToml } from '../../../src-main/core/project/edit/toml-edit';
import { changedLines } from './line-diff';

const read = (text: string) => parse(text.replace(/^\uFEFF/, '')) as Record<string, Record<string, unknown>>;

describe('byte-preserving TOML edits', () => {
  it('replaces a string value and nothing else: comments, order, spacing and quotes stay', () => {
    const before = [
      '# top comment',
      '[tool.maturin]',
      "python-source  =  'python'   # where the package lives",
      'module-name = "pkg._old"  # keep me',
      '',
      '[project]',
      "name = 'pkg'",
      '',
    ].join('\n');
    const after = editToml(before, [{ kind: 'set', path: ['tool', 'maturin', 'module-name'], value: 'pkg._core' }], 'pyproject.toml');
    expect(changedLines(before, after)).toEqual({
      removed: ['module-name = "pkg._old"  # keep me\n'],
      added: ['module-name = "pkg._core"  # keep me\n'],
    });
    expect(read(after).tool).toEqual({ maturin: { 'python-source': 'python', 'module-name': 'pkg._core' } });
  });

  it('keeps a literal string literal', () => {
    const before = "[lib]\nname = 'old'\n";
    expect(editToml(before, [{ kind: 'set', path: ['lib', 'name'], value: 'new_name' }], 'Cargo.toml')).toBe("[lib]\nname = 'new_name'\n");
  });

  it('adds a key after the last key of its table, with that key’s indentation, before later tables', () => {
    const before = '[tool.maturin]\n  features = ["x"] # note\n\n[tool.other]\na = 1\n';
    const after = editToml(before, [{ kind: 'set', path: ['tool', 'maturin', 'compatibility'], value: 'manylinux2014' }], 'pyproject.toml');
    expect(after).toBe('[tool.maturin]\n  features = ["x"] # note\n  compatibility = "manylinux2014"\n\n[tool.other]\na = 1\n');
  });

  it('follows the file’s quote style for new strings', () => {
    const before = "[project]\nname = 'a'\nrequires-python = '>=3.9'\n";
    const after = editToml(before, [{ kind: 'set', path: ['project', 'license'], value: 'MIT' }], 'pyproject.toml');
    expect(after).toBe("[project]\nname = 'a'\nrequires-python = '>=3.9'\nlicense = 'MIT'\n");
  });

  it('creates a missing table at the end, after a blank line', () => {
    const before = '[project]\nname = "a"\n';
    const after = editToml(before, [{ kind: 'set', path: ['tool', 'maturin', 'module-name'], value: 'a._core' }], 'pyproject.toml');
    expect(after).toBe('[project]\nname = "a"\n\n[tool.maturin]\nmodule-name = "a._core"\n');
  });

  it('keeps CRLF line endings, a BOM and a missing final newline', () => {
    const before = '\uFEFF[project]\r\nname = "a" # c\r\n\r\n[tool.maturin]\r\nbindings = "pyo3"';
    const after = editToml(
      before,
      [
        { kind: 'set', path: ['tool', 'maturin', 'module-name'], value: 'a._core' },
        { kind: 'set', path: ['tool', 'uv', 'cache-keys'], value: [{ file: '**/*.rs' }] },
      ],
      'pyproject.toml',
    );
    expect(after).toBe('\uFEFF[project]\r\nname = "a" # c\r\n\r\n[tool.maturin]\r\nbindings = "pyo3"\r\nmodule-name = "a._core"\r\n\r\n[tool.uv]\r\ncache-keys = [{ file = "**/*.rs" }]');
    expect(read(after).tool).toEqual({ maturin: { bindings: 'pyo3', 'module-name': 'a._core' }, uv: { 'cache-keys': [{ file: '**/*.rs' }] } });
  });

  it('edits through inline tables and dotted keys', () => {
    const before = '[dependencies]\npyo3 = { version = "0.20", features = ["extension-module"] }\n[tool]\nmaturin.bindings = "pyo3"\n';
    const after = editToml(
      before,
      [
        { kind: 'set', path: ['dependencies', 'pyo3', 'version'], value: '0.22' },
        { kind: 'append', path: ['dependencies', 'pyo3', 'features'], items: ['abi3-py38'] },
        { kind: 'set', path: ['tool', 'maturin', 'module-name'], value: 'x' },
      ],
      'Cargo.toml',
    );
    expect(after).toBe(
      '[dependencies]\npyo3 = { version = "0.22", features = ["extension-module", "abi3-py38"] }\n[tool]\nmaturin.bindings = "pyo3"\nmaturin.module-name = "x"\n',
    );
  });

  it('adds to an inline table that lacks the key', () => {
    const before = '[dependencies]\npyo3 = { version = "0.20" }\n';
    expect(editToml(before, [{ kind: 'append', path: ['dependencies', 'pyo3', 'features'], items: ['abi3-py39'] }], 'Cargo.toml')).toBe(
      '[dependencies]\npyo3 = { version = "0.20", features = ["abi3-py39"] }\n',
    );
  });

  it('appends to a multi-line array one item per line, keeping the trailing comma and comments', () => {
    const before = 'exclude = [\n    "a", # first\n    "b",   # last\n]\nother = 1\n';
    const after = editToml(before, [{ kind: 'append', path: ['exclude'], items: ['c'] }], 'x.toml');
    expect(after).toBe('exclude = [\n    "a", # first\n    "b",   # last\n    "c",\n]\nother = 1\n');
  });

  it('appends to a multi-line array without a trailing comma, keeping the comment on its line', () => {
    const before = 'exclude = [\n  "a",\n  "b" # last\n]\n';
    const after = editToml(before, [{ kind: 'append', path: ['exclude'], items: ['c'] }], 'x.toml');
    expect(after).toBe('exclude = [\n  "a",\n  "b", # last\n  "c"\n]\n');
  });

  it('appends to one-line arrays with and without a trailing comma, and skips items already there', () => {
    expect(editToml('a = ["x", ]\n', [{ kind: 'append', path: ['a'], items: ['y'] }], 'x.toml')).toBe('a = ["x", "y", ]\n');
    expect(editToml('a = ["x"]\n', [{ kind: 'append', path: ['a'], items: ['x', 'y'] }], 'x.toml')).toBe('a = ["x", "y"]\n');
    expect(editToml('a = []\n', [{ kind: 'append', path: ['a'], items: ['y'] }], 'x.toml')).toBe('a = ["y"]\n');
    expect(editToml('a = ["x"]\n', [{ kind: 'append', path: ['a'], items: ['x'] }], 'x.toml')).toBe('a = ["x"]\n');
  });

  it('adds a key to an empty table right under its header', () => {
    expect(editToml('[lib]\n\n[dependencies]\n', [{ kind: 'set', path: ['lib', 'crate-type'], value: ['cdylib'] }], 'Cargo.toml')).toBe(
      '[lib]\ncrate-type = ["cdylib"]\n\n[dependencies]\n',
    );
  });

  it('adds dotted keys inside an inline table that holds the parent', () => {
    expect(editToml('tool = { other = 1 }\n', [{ kind: 'set', path: ['tool', 'maturin', 'x'], value: 'y' }], 'pyproject.toml')).toBe(
      'tool = { other = 1, maturin.x = "y" }\n',
    );
  });

  it('refuses an edit it cannot make safely, with the file named', () => {
    expect(() => editToml('tool = 3\n', [{ kind: 'set', path: ['tool', 'maturin', 'x'], value: 'y' }], 'pyproject.toml')).toThrow(
      /cannot edit pyproject\.toml safely: tool is not a table/,
    );
    expect(() => editToml('a = "x"\n', [{ kind: 'append', path: ['a'], items: ['y'] }], 'x.toml')).toThrow(/a is not an array/);
  });
});

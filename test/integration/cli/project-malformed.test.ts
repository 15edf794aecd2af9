import { chmodSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli';
import { builtCli, tempDir } from '../../helpers/paths';

// Bad input, through the real CLI: a clear message naming the file (and line where there is one),
// exit 2, no stack trace, and not one byte written anywhere in the project.

type Files = Readonly<Record<string, string | Buffer | { readonly dir: true }>>;

const PYPROJECT = '[build-system]\nrequires = ["maturin>=1,<2"]\nbuild-backend = "maturin"\n\n[project]\nname = "demo"\nversion = "0.1.0"\n';
const CARGO = '[package]\nname = "demo"\nversion = "0.1.0"\nedition = "2021"\n\n[lib]\ncrate-type = ["cdylib"]\n\n[dependencies]\npyo3 = "0.30"\n';
const LIB = 'use pyo3::prelude::*;\n#[pymodule]\nfn demo(_m: &Bound<PyModule>) -> PyResult<()> { Ok(()) }\n';
const base = (over: Files): Files => ({ 'pyproject.toml': PYPROJECT, 'Cargo.toml': CARGO, 'src/lib.rs': LIB, ...over });

interface Case {
  readonly name: string;
  readonly files: Files;
  /** The message must match; `FILE` stands for the path of the file named in `file`. */
  readonly message: RegExp;
  readonly file: string;
  readonly line?: number;
  readonly setup?: (dir: string) => void;
}

const CASES: readonly Case[] = [
  { name: 'pyproject.toml that is not TOML', files: base({ 'pyproject.toml': '[project]\nname = "demo\n' }), file: 'pyproject.toml', line: 2, message: /pyproject\.toml:2:\d+: / },
  { name: 'Cargo.toml that is not TOML', files: base({ 'Cargo.toml': '[package\nname = "demo"\n' }), file: 'Cargo.toml', line: 1, message: /Cargo\.toml:1:\d+: / },
  { name: 'a duplicate key', files: base({ 'pyproject.toml': `${PYPROJECT}name = "again"\n` }), file: 'pyproject.toml', line: 8, message: /pyproject\.toml:8:\d+: / },
  { name: 'module-name that is a number', files: base({ 'pyproject.toml': `${PYPROJECT}\n[tool.maturin]\nmodule-name = 3\n` }), file: 'pyproject.toml', line: 10, message: /:10: `tool\.maturin\.module-name` must be a string, not the number 3\./ },
  { name: 'python-source that is a boolean', files: base({ 'pyproject.toml': `${PYPROJECT}\n[tool.maturin]\npython-source = true\n` }), file: 'pyproject.toml', line: 10, message: /`tool\.maturin\.python-source` must be a string, not the boolean true/ },
  { name: 'features that is a string', files: base({ 'pyproject.toml': `${PYPROJECT}\n[tool.maturin]\nfeatures = "pyo3/abi3"\n` }), file: 'pyproject.toml', line: 10, message: /`tool\.maturin\.features` must be an array of strings, not the string "pyo3\/abi3"/ },
  { name: 'project name that is an array', files: base({ 'pyproject.toml': PYPROJECT.replace('name = "demo"', 'name = ["demo"]') }), file: 'pyproject.toml', line: 6, message: /`project\.name` must be a string, not an array/ },
  { name: 'classifiers with a number in them', files: base({ 'pyproject.toml': `${PYPROJECT}classifiers = ["Programming Language :: Rust", 3]\n` }), file: 'pyproject.toml', line: 8, message: /`project\.classifiers` must be an array of strings/ },
  { name: '[tool] that is not a table', files: base({ 'pyproject.toml': `tool = "maturin"\n${PYPROJECT}` }), file: 'pyproject.toml', line: 1, message: /`tool` must be a table, not the string "maturin"/ },
  { name: 'crate-type that is a string', files: base({ 'Cargo.toml': CARGO.replace('crate-type = ["cdylib"]', 'crate-type = "cdylib"') }), file: 'Cargo.toml', line: 7, message: /`lib\.crate-type` must be an array of strings/ },
  { name: 'a package version that is a number', files: base({ 'Cargo.toml': CARGO.replace('version = "0.1.0"', 'version = 1') }), file: 'Cargo.toml', line: 3, message: /`package\.version` must be a string/ },
  { name: 'a dependency that is a number', files: base({ 'Cargo.toml': CARGO.replace('pyo3 = "0.30"', 'pyo3 = 30') }), file: 'Cargo.toml', line: 10, message: /dependency `pyo3` must be a version string/ },
  { name: 'Cargo.toml without [package]', files: base({ 'Cargo.toml': '[dependencies]\npyo3 = "0.30"\n' }), file: 'Cargo.toml', line: 1, message: /has no \[package\] table/ },
  { name: '[package] without a name', files: base({ 'Cargo.toml': '[package]\nversion = "0.1.0"\n' }), file: 'Cargo.toml', line: 1, message: /\[package\] has no name/ },
  { name: 'an unknown build backend', files: base({ 'pyproject.toml': PYPROJECT.replace('build-backend = "maturin"', 'build-backend = "matruin"') }), file: 'pyproject.toml', line: 3, message: /build-backend "matruin" is not a build backend Wheelbench knows.*Did you mean "maturin"\?/ },
  { name: 'an empty pyproject.toml', files: base({ 'pyproject.toml': '' }), file: 'pyproject.toml', line: 1, message: /pyproject\.toml is empty\./ },
  { name: 'a Cargo.toml of blank lines', files: base({ 'Cargo.toml': '\n\n  \n' }), file: 'Cargo.toml', line: 1, message: /Cargo\.toml is empty\./ },
  { name: 'binary garbage', files: base({ 'pyproject.toml': Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x00, 0x00, 0xff, 0xfe]) }), file: 'pyproject.toml', message: /pyproject\.toml contains binary data, not text\./ },
  { name: 'text that is not UTF-8', files: base({ 'pyproject.toml': Buffer.concat([Buffer.from('[project]\nname = "'), Buffer.from([0xe9]), Buffer.from('"\n')]) }), file: 'pyproject.toml', line: 2, message: /pyproject\.toml:2: is not valid UTF-8 text\./ },
  { name: 'a directory named pyproject.toml', files: base({ 'pyproject.toml': { dir: true } }), file: 'pyproject.toml', message: /pyproject\.toml is a directory, not a TOML file\./ },
  { name: 'a directory named Cargo.toml', files: base({ 'Cargo.toml': { dir: true } }), file: 'Cargo.toml', message: /Cargo\.toml is a directory, not a TOML file\./ },
  { name: 'a manifest-path that points at a directory', files: base({ 'pyproject.toml': `${PYPROJECT}\n[tool.maturin]\nmanifest-path = "src"\n` }), file: 'src', message: /src is a directory, not a TOML file\./ },
  { name: 'a very large pyproject.toml', files: base({ 'pyproject.toml': `${PYPROJECT}# ${'x'.repeat(9 * 1024 * 1024)}\n` }), file: 'pyproject.toml', message: /bytes: too large to be a TOML file \(the limit is 8 MiB\)/ },
  { name: 'a setup.py of binary garbage', files: base({ 'setup.py': Buffer.from([0, 1, 2, 3]) }), file: 'setup.py', message: /setup\.py contains binary data, not text\./ },
  {
    name: 'a pyproject.toml nobody may read',
    files: base({}),
    file: 'pyproject.toml',
    message: /Cannot read .*pyproject\.toml: permission denied\./,
    setup: (dir) => {
      chmodSync(join(dir, 'pyproject.toml'), 0o000);
      chmodSync(dir, 0o755);
    },
  },
];

function writeFiles(dir: string, files: Files): void {
  for (const [rel, content] of Object.entries(files)) {
    const path = join(dir, rel);
    if (typeof content === 'object' && 'dir' in content) {
      mkdirSync(path, { recursive: true });
      continue;
    }
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }
}

/** Every path under dir with its size and mtime: proof that nothing was written. */
function snapshot(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .map((e) => join(e.parentPath, e.name))
    .map((p) => `${p} ${statSync(p).size} ${statSync(p).mtimeMs}`)
    .sort();
}

/** As root every file is readable: the permission case runs the CLI as nobody. */
const asRoot = process.getuid?.() === 0;

async function runAs(args: readonly string[], dropPrivileges: boolean) {
  if (!dropPrivileges) return runCli(args);
  const { spawnSync } = await import('node:child_process');
  const run = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, builtCli, ...args], { encoding: 'utf8', env: { ...process.env, HOME: tempDir('nobody-home') } });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('wheelbench project on malformed input', () => {
  it(`covers at least 20 cases (${CASES.length})`, () => expect(CASES.length).toBeGreaterThanOrEqual(20));

  for (const c of CASES) {
    it(`${c.name}: exit 2, file and line in the message, nothing written`, async () => {
      const dir = tempDir('malformed');
      writeFiles(dir, c.files);
      c.setup?.(dir);
      const dataDir = tempDir('data');
      const before = snapshot(dir);
      const permissionCase = c.setup !== undefined;
      for (const args of [['project', dir], ['project', dir, '--json'], ['project', dir, '--fix', 'module-name.mismatch']]) {
        const { code, stdout, stderr } = await runAs([...args, '--data-dir', dataDir], permissionCase && asRoot);
        expect(code, stderr).toBe(2);
        expect(stderr + stdout).not.toMatch(/\n\s+at \S+ \(/);
        if (args.includes('--json')) {
          const { error } = JSON.parse(stdout) as { error: { code: string; message: string; file?: string; line?: number } };
          expect(error).toMatchObject({ code: 'malformed-input', file: join(dir, c.file) });
          expect(error.message).toMatch(c.message);
          if (c.line !== undefined) expect(error.line).toBe(c.line);
        } else {
          expect(stderr).toMatch(c.message);
          expect(stderr).toContain(join(dir, c.file));
        }
      }
      expect(snapshot(dir)).toEqual(before);
      if (!permissionCase) expect(readFileSync(join(dir, 'src', 'lib.rs'), 'utf8')).toBe(LIB);
    });
  }
});

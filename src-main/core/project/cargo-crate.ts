import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { WheelbenchError } from '../../common/errors';
import type { KeyPath } from './edit/toml-text';
import { ancestors, isFile } from './files';
import { isTable, readTomlDoc, type TomlDoc, type TomlTable } from './read-toml';

// The crate maturin builds, read the way cargo reads it: workspace inheritance (`workspace = true`),
// renamed dependencies, `[lib]` defaults, and the workspace root found by walking up.

export interface DependencySpec {
  /** The crate's real name (`package = "pyo3"` under another key counts as pyo3). */
  readonly crate: string;
  /** Where the version requirement is written: the member, or the workspace root when inherited. */
  readonly versionAt: { readonly doc: TomlDoc; readonly path: KeyPath } | null;
  /** Where the member declares the dependency (features are added here). */
  readonly declaredAt: { readonly doc: TomlDoc; readonly path: KeyPath };
  readonly version: string | null;
  /** Member and workspace features together. */
  readonly features: readonly string[];
  readonly inherited: boolean;
  readonly path: string | null;
}

export interface CrateModel {
  readonly doc: TomlDoc;
  readonly dir: string;
  readonly name: string;
  readonly version: string | null;
  readonly libName: string;
  readonly libPath: string;
  readonly crateTypes: readonly string[];
  readonly crateTypeDeclared: boolean;
  readonly hasBin: boolean;
  readonly workspace: TomlDoc | null;
  readonly dependencies: readonly DependencySpec[];
  readonly buildDependencies: readonly DependencySpec[];
  readonly features: TomlTable;
}

export interface VirtualWorkspace {
  readonly doc: TomlDoc;
  /** Member crates that depend on pyo3: the likely `manifest-path` targets. */
  readonly pyo3Members: readonly string[];
}

export type CrateRead = { readonly kind: 'crate'; readonly crate: CrateModel } | { readonly kind: 'virtual'; readonly workspace: VirtualWorkspace };

export async function readCrate(manifestPath: string): Promise<CrateRead> {
  const doc = await readTomlDoc(manifestPath);
  const pkg = doc.table(['package']);
  if (!pkg) {
    if (doc.table(['workspace'])) return { kind: 'virtual', workspace: { doc, pyo3Members: await pyo3Members(doc) } };
    throw new WheelbenchError({
      code: 'malformed-input',
      message: `${manifestPath}: has no [package] table, so it describes no crate (and no [workspace] either).`,
      file: manifestPath,
      line: 1,
      fix: { summary: 'Add a [package] table with name and version, or point [tool.maturin] manifest-path at the crate’s Cargo.toml.' },
    });
  }
  const name = doc.string(['package', 'name']);
  if (name === undefined) {
    throw new WheelbenchError({ code: 'malformed-input', message: `${manifestPath}:${doc.line(['package']) ?? 1}: [package] has no name.`, file: manifestPath, line: doc.line(['package']) });
  }
  const dir = dirname(manifestPath);
  const workspace = doc.table(['workspace']) ? doc : await findWorkspaceRoot(doc, dir);
  const inherit = (key: string) => {
    const value = doc.get(['package', key]);
    return isTable(value) && value.workspace === true ? workspace?.get(['workspace', 'package', key]) : value;
  };
  const versionValue = inherit('version');
  if (versionValue !== undefined && typeof versionValue !== 'string') throw wrongVersion(doc);
  const libName = doc.string(['lib', 'name']) ?? name.replace(/-/g, '_');
  const declaredTypes = doc.strings(['lib', 'crate-type']);
  const hasBin = (doc.array(['bin'])?.length ?? 0) > 0 || (await isFile(join(dir, 'src', 'main.rs')));
  return {
    kind: 'crate',
    crate: {
      doc,
      dir,
      name,
      version: versionValue ?? null,
      libName,
      libPath: resolve(dir, doc.string(['lib', 'path']) ?? join('src', 'lib.rs')),
      crateTypes: declaredTypes ?? ['lib'],
      crateTypeDeclared: declaredTypes !== undefined,
      hasBin,
      workspace,
      dependencies: dependenciesOf(doc, ['dependencies'], workspace),
      buildDependencies: dependenciesOf(doc, ['build-dependencies'], workspace),
      features: doc.table(['features']) ?? {},
    },
  };
}

function wrongVersion(doc: TomlDoc): WheelbenchError {
  const line = doc.line(['package', 'version']);
  return new WheelbenchError({ code: 'malformed-input', message: `${doc.file}:${line ?? 1}: \`package.version\` must be a string such as "0.1.0".`, file: doc.file, line });
}

function dependenciesOf(doc: TomlDoc, section: KeyPath, workspace: TomlDoc | null): DependencySpec[] {
  const deps = doc.table(section) ?? {};
  return Object.entries(deps).map(([key, value]) => {
    const declaredAt = { doc, path: [...section, key] };
    if (typeof value !== 'string' && !isTable(value)) {
      const line = doc.line(declaredAt.path);
      throw new WheelbenchError({
        code: 'malformed-input',
        message: `${doc.file}:${line ?? 1}: dependency \`${key}\` must be a version string such as "1.0" or a table such as { version = "1.0" }.`,
        file: doc.file,
        line,
      });
    }
    if (typeof value === 'string') return { crate: key, versionAt: declaredAt, declaredAt, version: value, features: [], inherited: false, path: null };
    const spec = value;
    const own = stringList(spec.features);
    if (spec.workspace === true && workspace) {
      const wsKey = ['workspace', 'dependencies', key];
      const ws = workspace.get(wsKey);
      const wsSpec = isTable(ws) ? ws : {};
      const wsVersion = typeof ws === 'string' ? ws : typeof wsSpec.version === 'string' ? wsSpec.version : null;
      return {
        crate: typeof wsSpec.package === 'string' ? wsSpec.package : key,
        versionAt: wsVersion === null ? null : { doc: workspace, path: typeof ws === 'string' ? wsKey : [...wsKey, 'version'] },
        declaredAt,
        version: wsVersion,
        features: [...new Set([...stringList(wsSpec.features), ...own])],
        inherited: true,
        path: typeof wsSpec.path === 'string' ? resolve(dirname(workspace.file), wsSpec.path) : null,
      };
    }
    const version = typeof spec.version === 'string' ? spec.version : null;
    return {
      crate: typeof spec.package === 'string' ? spec.package : key,
      versionAt: version === null ? null : { doc, path: [...section, key, 'version'] },
      declaredAt,
      version,
      features: own,
      inherited: false,
      path: typeof spec.path === 'string' ? resolve(dirname(doc.file), spec.path) : null,
    };
  });
}

const stringList = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

/** Cargo's search: `package.workspace`, else the nearest parent Cargo.toml whose [workspace] has this crate as a member. */
async function findWorkspaceRoot(doc: TomlDoc, dir: string): Promise<TomlDoc | null> {
  const explicit = doc.string(['package', 'workspace']);
  if (explicit !== undefined) {
    const file = join(resolve(dir, explicit), 'Cargo.toml');
    return (await isFile(file)) ? readTomlDoc(file) : null;
  }
  for (const parent of ancestors(dirname(dir))) {
    const file = join(parent, 'Cargo.toml');
    if (!(await isFile(file))) continue;
    // Only files that declare a workspace are parsed: an unrelated broken Cargo.toml higher up stays unread.
    const text = await readFile(file, 'utf8').catch(() => '');
    if (!/^\s*\[workspace[\].]/m.test(text)) continue;
    const root = await readTomlDoc(file);
    if (isMember(root, relative(parent, dir))) return root;
  }
  return null;
}

function isMember(root: TomlDoc, rel: string): boolean {
  const normalized = rel.split(/[\\/]/).join('/');
  const matches = (patterns: readonly unknown[] | undefined) =>
    (patterns ?? []).some((p) => typeof p === 'string' && globToRegExp(p.replace(/\/$/, '')).test(normalized));
  return matches(root.array(['workspace', 'members'])) && !matches(root.array(['workspace', 'exclude']));
}

function globToRegExp(glob: string): RegExp {
  const body = glob
    .split('/')
    .map((part) => (part === '**' ? '.*' : part.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]')))
    .join('/');
  return new RegExp(`^${body}$`);
}

async function pyo3Members(root: TomlDoc): Promise<string[]> {
  const base = dirname(root.file);
  const out: string[] = [];
  for (const pattern of root.array(['workspace', 'members']) ?? []) {
    if (typeof pattern !== 'string') continue;
    const dirs = pattern.includes('*')
      ? (await readdir(join(base, dirname(pattern)), { withFileTypes: true }).catch(() => [])).filter((e) => e.isDirectory()).map((e) => join(dirname(pattern), e.name))
      : [pattern];
    for (const member of dirs) {
      if (!globToRegExp(pattern).test(member.split(/[\\/]/).join('/'))) continue;
      const text = await readFile(join(base, member, 'Cargo.toml'), 'utf8').catch(() => '');
      if (declaresPyo3(text)) out.push(join(member, 'Cargo.toml'));
    }
  }
  return out.sort();
}

/** A quick look at a manifest's text: does it depend on pyo3? (Enough to suggest a manifest-path.) */
export const declaresPyo3 = (manifestText: string) => /^\s*pyo3\s*=|^\s*\[dependencies\.pyo3\]/m.test(manifestText);

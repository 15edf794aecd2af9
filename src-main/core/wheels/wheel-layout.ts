// Where files in a wheel end up once installed, and which of them Python can import. A wheel's root
// and its `<name>.data/purelib|platlib/` folders land in site-packages; `.dist-info/` holds metadata;
// other `.data/` folders (scripts, headers, data) go elsewhere.

const IDENTIFIER = /^[\p{L}_][\p{L}\p{N}_]*$/u;
const ASCII_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const DATA_LIB = /^[^/]+\.data\/(purelib|platlib)\//;
const EXTENSION_FILE = /^(?<stem>[^./]+)(?<suffix>\.[^/]*)?\.(?<ext>so|pyd)$/;

export interface ExtensionModuleName {
  /** Dotted import name, e.g. `hello_pyo3._native`. */
  readonly module: string;
  readonly stem: string;
  /** What sits between the module name and `.so`/`.pyd`: `.abi3`, `.cpython-311-x86_64-linux-gnu`, ``. */
  readonly suffix: string;
  readonly extension: 'so' | 'pyd';
  /** `PyInit_<stem>`; for non-ASCII names CPython looks for `PyInitU_<punycode>` instead. */
  readonly initSymbol: string;
  readonly asciiName: boolean;
}

/** The path a wheel file has inside site-packages, or null when it is not installed there. */
export function sitePackagesPath(path: string): string | null {
  if (/^[^/]+\.dist-info\//.test(path)) return null;
  if (DATA_LIB.test(path)) return path.replace(DATA_LIB, '');
  if (/^[^/]+\.data\//.test(path)) return null;
  return path;
}

/** The module an extension file provides, or null when Python would never import it as one. */
export function extensionModuleOf(path: string): ExtensionModuleName | null {
  const installed = sitePackagesPath(path);
  if (installed === null) return null;
  const parts = installed.split('/');
  const file = parts.pop() as string;
  const match = EXTENSION_FILE.exec(file);
  if (!match?.groups) return null;
  const { stem, suffix = '', ext } = match.groups as { stem: string; suffix?: string; ext: 'so' | 'pyd' };
  // Bundled libraries live in folders like `pkg.libs/` that are not packages.
  if (!IDENTIFIER.test(stem) || !parts.every((p) => IDENTIFIER.test(p))) return null;
  return {
    module: [...parts, stem].join('.'),
    stem,
    suffix,
    extension: ext,
    initSymbol: `PyInit_${stem}`,
    asciiName: ASCII_IDENTIFIER.test(stem),
  };
}

/**
 * What `import` should succeed for once the wheel is installed: every top-level package or module,
 * and every extension module (a missing one is the classic "works in editable mode" failure).
 */
export function importableModules(paths: readonly string[]): string[] {
  const topLevel = new Set<string>();
  const extensions = new Set<string>();
  for (const path of paths) {
    const installed = sitePackagesPath(path);
    if (installed === null) continue;
    const parts = installed.split('/');
    const head = parts[0] as string;
    if (parts.length > 1) {
      // A package (regular or namespace) once it holds Python code.
      if (IDENTIFIER.test(head) && /\.(py|so|pyd)$/.test(installed)) topLevel.add(head);
    } else {
      const module = /^([^./]+)(?:\.[^/]*)?\.(py|so|pyd)$/.exec(head)?.[1];
      if (module && IDENTIFIER.test(module)) topLevel.add(module);
    }
    const extension = extensionModuleOf(path);
    if (extension) extensions.add(extension.module);
  }
  return [...[...topLevel].sort(), ...[...extensions].filter((m) => !topLevel.has(m)).sort()];
}

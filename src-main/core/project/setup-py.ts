import type { SetuptoolsRustExtension } from '../../common/domain';
import type { TomlDoc } from './read-toml';
import { isTable } from './read-toml';

// setuptools-rust projects declare their Rust extensions in setup.py (`RustExtension("pkg._rust",
// path="rust/Cargo.toml", binding=Binding.PyO3)`) or, since setuptools-rust 1.7, in pyproject.toml
// under [[tool.setuptools-rust.ext-modules]]. setup.py is Python: it is read, never run.

const CALL = /RustExtension\s*\(([\s\S]*?)\)\s*(?:,|\])/g;

export function setupPyExtensions(text: string): SetuptoolsRustExtension[] {
  const found: SetuptoolsRustExtension[] = [];
  for (const match of text.matchAll(CALL)) {
    const args = match[1] ?? '';
    const target = /^\s*(?:target\s*=\s*)?["']([^"']+)["']/.exec(args)?.[1] ?? /\btarget\s*=\s*["']([^"']+)["']/.exec(args)?.[1];
    if (!target) continue;
    const path = /\bpath\s*=\s*["']([^"']+)["']/.exec(args)?.[1] ?? 'Cargo.toml';
    const binding = /\bbinding\s*=\s*(?:\w+\.)?(\w+)/.exec(args)?.[1] ?? null;
    found.push({ target, path, binding });
  }
  return found;
}

export function pyprojectExtensions(pyproject: TomlDoc): SetuptoolsRustExtension[] {
  const modules = pyproject.array(['tool', 'setuptools-rust', 'ext-modules']) ?? [];
  return modules.filter(isTable).flatMap((m) =>
    typeof m.target === 'string'
      ? [{ target: m.target, path: typeof m.path === 'string' ? m.path : 'Cargo.toml', binding: typeof m.binding === 'string' ? m.binding : null }]
      : [],
  );
}

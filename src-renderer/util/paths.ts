/** Join path segments with the separator the base path already uses (the core may be on Windows). */
export function joinPath(base: string, ...parts: string[]): string {
  const sep = base.includes('\\') && !base.includes('/') ? '\\' : '/';
  const trimmed = base.replace(/[\\/]+$/, '');
  return [trimmed, ...parts].join(sep);
}

/** The last segment of a path. */
export function baseName(path: string): string {
  const parts = path.split(/[\\/]+/).filter(Boolean);
  return parts[parts.length - 1] ?? path;
}

/** `path` relative to `root` when it lies inside it ("python"), otherwise `path` unchanged. */
export function relativeTo(root: string, path: string): string {
  const norm = (p: string): string => p.replace(/\\/g, '/').replace(/\/+$/, '');
  const r = norm(root);
  const p = norm(path);
  if (p === r) return '.';
  return p.startsWith(`${r}/`) ? p.slice(r.length + 1) : path;
}

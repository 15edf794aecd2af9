export interface ResolvedTool {
  readonly path: string;
  readonly version: string | null;
  readonly source: 'path' | 'managed';
}

export type ResolvedZig =
  | { readonly kind: 'system'; readonly path: string; readonly version: string | null; readonly source: 'path' }
  | { readonly kind: 'ziglang'; readonly python: string; readonly version: string | null; readonly source: 'path' | 'managed' };

/** A copy of a tool that exists but did not answer its probe. */
export interface BrokenCopy {
  readonly path: string;
  readonly source: 'path' | 'managed';
  readonly problem: string;
  readonly timedOut: boolean;
}

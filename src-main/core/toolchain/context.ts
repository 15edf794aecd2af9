import type { ProbeCache } from './probe-cache';

export interface ToolchainContext {
  /** The environment to probe; tools are looked up on its PATH and run with it. */
  readonly env: NodeJS.ProcessEnv;
  /** Wheelbench's app data dir; the managed venv lives in `<dataDir>/tools/venv`. */
  readonly dataDir: string;
  /** Set for doctor runs: tool answers are reused while nothing they depend on changed. */
  readonly probeCache?: ProbeCache;
  /** Where the system's facts are read from; tests point these at fakes. */
  readonly system?: SystemPaths;
}

export interface SystemPaths {
  /** The cgroup filesystem root, `/sys/fs/cgroup`. */
  readonly cgroupRoot?: string;
  /** This process's cgroup membership, `/proc/self/cgroup`. */
  readonly procSelfCgroup?: string;
  /** binfmt_misc registrations, `/proc/sys/fs/binfmt_misc`. */
  readonly binfmtDir?: string;
  /** Where system compilers are looked for besides PATH (`/usr/bin/rustc`…); [] for a machine without one. */
  readonly rustcPlaces?: readonly string[];
}

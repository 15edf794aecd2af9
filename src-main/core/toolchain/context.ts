export interface ToolchainContext {
  /** The environment to probe; tools are looked up on its PATH and run with it. */
  readonly env: NodeJS.ProcessEnv;
  /** Wheelbench's app data dir; the managed venv lives in `<dataDir>/tools/venv`. */
  readonly dataDir: string;
}

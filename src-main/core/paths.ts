import { homedir } from 'node:os';
import { join } from 'node:path';

/** Where Wheelbench keeps its own things; shared by the app, the CLI and the web mode. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.WHEELBENCH_DATA_DIR) return env.WHEELBENCH_DATA_DIR;
  const home = env.HOME || homedir();
  if (process.platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'wheelbench');
  if (process.platform === 'darwin') return join(home, 'Library', 'Application Support', 'wheelbench');
  return join(env.XDG_DATA_HOME || join(home, '.local', 'share'), 'wheelbench');
}

/**
 * The `resources/` folder: beside the bundles in a checkout (out/main → ../../resources), or the
 * packaged app's resources dir, which the Electron adapter passes in.
 */
export function resourcesDir(bundleDir: string, env: NodeJS.ProcessEnv = process.env): string {
  return env.WHEELBENCH_RESOURCES ?? join(bundleDir, '..', '..', 'resources');
}

export const exampleProjectIn = (resources: string) => join(resources, 'examples', 'hello-pyo3');

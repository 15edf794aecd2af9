import type { MethodName, WheelbenchClient } from '../../src-main/common/contract';

export type ConnectionStatus = 'connecting' | 'open' | 'reconnecting';

export interface ConnectionState {
  readonly status: ConnectionStatus;
  /** Whether the transport has ever been connected (the first connect is not a "drop"). */
  readonly everConnected: boolean;
  /** Consecutive failed attempts since the last successful connection. */
  readonly attempt: number;
  /** When reconnecting: milliseconds until the next attempt. */
  readonly retryInMs: number | null;
}

/** A front door as the renderer sees it: the typed client plus the health of the link under it. */
export interface Transport {
  readonly kind: 'electron' | 'web';
  readonly client: WheelbenchClient;
  readonly connection: () => ConnectionState;
  /** The desktop app can read a dropped file's path (the preload's pathForFile); a browser cannot. */
  readonly pathForFile: ((file: File) => string) | null;
  onConnectionChange(listener: (state: ConnectionState) => void): () => void;
}

/**
 * Every contract method, once. `satisfies` makes a method added to the contract a type error here
 * until the renderer knows about it.
 */
export const METHODS = {
  getAppInfo: true,
  runDoctor: true,
  openProject: true,
  listRecentProjects: true,
  chooseProjectFolder: true,
  startBuild: true,
  cancelJob: true,
  ackOutput: true,
  waitForJob: true,
  listWheels: true,
  installManagedTools: true,
  listTargets: true,
  getSettings: true,
  saveSettings: true,
  listHistory: true,
  readBuildLog: true,
  previewProjectFix: true,
  applyProjectFix: true,
  createProject: true,
  inspectWheel: true,
  verifyWheel: true,
  uploadWheelChunk: true,
  revealInFolder: true,
  runDoctorFix: true,
  explainLog: true,
} as const satisfies Record<MethodName, true>;

export const METHOD_NAMES = Object.keys(METHODS) as MethodName[];

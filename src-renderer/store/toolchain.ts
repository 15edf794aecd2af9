import { create } from 'zustand';
import type { DoctorReport, ManagedTool } from '../../src-main/common/domain';
import { api, isConnectionLost } from '../api';
import { showError } from './errors';
import { noteJobRequested } from './build';

interface ToolchainState {
  readonly report: DoctorReport | null;
  readonly running: boolean;
  /** When the last report arrived (ms since epoch). */
  readonly checkedAt: number | null;
}

export const useToolchainStore = create<ToolchainState>()(() => ({
  report: null,
  running: false,
  checkedAt: null,
}));

let generation = 0;

export async function runDoctor(): Promise<void> {
  const mine = ++generation;
  useToolchainStore.setState({ running: true });
  try {
    const report = await api().runDoctor({});
    if (mine === generation) useToolchainStore.setState({ report, checkedAt: Date.now() });
  } catch (err) {
    // A dropped connection is already on screen, and the doctor re-runs on reconnect.
    if (!isConnectionLost(err)) showError(err, 'Running the doctor');
  } finally {
    if (mine === generation) useToolchainStore.setState({ running: false });
  }
}

/** Managed maturin/zig installs stream into the build terminal like a build. */
export async function installManagedTools(tools: ManagedTool[]): Promise<void> {
  try {
    const { jobId } = await api().installManagedTools({ tools });
    noteJobRequested(jobId, 'tool-install', `Installing ${tools.join(' and ')}`);
  } catch (err) {
    showError(err, `Installing ${tools.join(' and ')}`);
  }
}

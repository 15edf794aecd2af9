import { create } from 'zustand';
import type { AppInfo } from '../../src-main/common/domain';
import { api, isConnectionLost } from '../api';
import { showError } from './errors';

interface SettingsState {
  readonly appInfo: AppInfo | null;
  readonly recent: readonly string[];
  /** The project path field. */
  readonly pathInput: string;
}

export const useSettingsStore = create<SettingsState>()(() => ({
  appInfo: null,
  recent: [],
  pathInput: '',
}));

export function setPathInput(pathInput: string): void {
  useSettingsStore.setState({ pathInput });
}

export async function loadAppInfo(): Promise<void> {
  try {
    const appInfo = await api().getAppInfo({});
    useSettingsStore.setState({ appInfo });
  } catch (err) {
    if (!isConnectionLost(err)) showError(err, 'Asking Wheelbench about itself');
  }
}

export async function loadRecentProjects(): Promise<void> {
  try {
    const recent = await api().listRecentProjects({});
    useSettingsStore.setState((s) => ({
      recent,
      // A fresh window offers the last project, without opening it.
      pathInput: s.pathInput === '' && recent[0] !== undefined ? recent[0] : s.pathInput,
    }));
  } catch (err) {
    if (!isConnectionLost(err)) showError(err, 'Listing recent projects');
  }
}

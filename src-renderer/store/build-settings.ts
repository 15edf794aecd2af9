import { create } from 'zustand';
import type { BuildSettings } from '../../src-main/common/domain';
import { api, isConnectionLost, toApiError } from '../api';
import { fieldErrorsFrom, settingsFromForm, type FieldErrors, type SettingsForm } from '../util/settings-form';
import { showError } from './errors';

// The build settings kept between builds (the Settings panel). The core merges them into every
// startBuild, so the renderer only loads, shows and saves them.

interface BuildSettingsState {
  /** The saved settings; null until loaded. */
  readonly saved: BuildSettings | null;
  readonly loadError: string | null;
  readonly dialogOpen: boolean;
  readonly saving: boolean;
}

export const useBuildSettingsStore = create<BuildSettingsState>()(() => ({
  saved: null,
  loadError: null,
  dialogOpen: false,
  saving: false,
}));

export async function loadBuildSettings(): Promise<void> {
  try {
    const saved = await api().getSettings({});
    useBuildSettingsStore.setState({ saved, loadError: null });
  } catch (err) {
    if (!isConnectionLost(err)) useBuildSettingsStore.setState({ loadError: toApiError(err).message });
  }
}

export function openSettings(): void {
  useBuildSettingsStore.setState({ dialogOpen: true });
  // Another window (or the CLI) may have changed them.
  void loadBuildSettings();
}

export function closeSettings(): void {
  useBuildSettingsStore.setState({ dialogOpen: false });
}

export type SaveOutcome =
  | { readonly ok: true }
  /** `checked`: whether the contract judged the settings (else the form could not even be sent). */
  | { readonly ok: false; readonly fields: FieldErrors; readonly general: string | null; readonly checked: boolean };

/** Save the form; on a validation error, say which field is wrong and why. */
export async function saveBuildSettings(form: SettingsForm): Promise<SaveOutcome> {
  const { settings, errors } = settingsFromForm(form);
  if (Object.keys(errors).length > 0) return { ok: false, fields: errors, general: null, checked: false };
  useBuildSettingsStore.setState({ saving: true });
  try {
    const saved = await api().saveSettings({ settings });
    useBuildSettingsStore.setState({ saved });
    return { ok: true };
  } catch (err) {
    const e = toApiError(err);
    if (e.code !== 'invalid-arguments') showError(e, 'Saving the build settings');
    return { ok: false, ...fieldErrorsFrom(e, form), checked: true };
  } finally {
    useBuildSettingsStore.setState({ saving: false });
  }
}

import { create } from 'zustand';
import type { TargetInfo } from '../../src-main/common/domain';
import { api, isConnectionLost, toApiError } from '../api';
import { useBuildSettingsStore } from './build-settings';

/** The pseudo-target every machine can build: the machine itself. */
export const HOST = 'host';

interface TargetsState {
  /** What listTargets said, in catalog order; null until it has answered once. */
  readonly targets: readonly TargetInfo[] | null;
  readonly loading: boolean;
  /** Why the targets could not be listed (shown in the picker, which still offers host). */
  readonly error: string | null;
  /** Aliases to build, host included when picked. */
  readonly selected: readonly string[];
  /** Whether the picker is expanded. */
  readonly pickerOpen: boolean;
  /** The alias whose full description is shown under the picker. */
  readonly detail: string | null;
}

/** The targets a person picked are kept for the next visit (this browser or window, like a preference). */
const SELECTION_KEY = 'wheelbench.selected-targets';

function rememberedSelection(): readonly string[] {
  try {
    const saved: unknown = JSON.parse(globalThis.localStorage?.getItem(SELECTION_KEY) ?? 'null');
    if (Array.isArray(saved) && saved.length > 0 && saved.every((a) => typeof a === 'string')) return saved as string[];
  } catch {
    // Unreadable or unavailable storage: start from the host.
  }
  return [HOST];
}

function rememberSelection(selected: readonly string[]): void {
  try {
    globalThis.localStorage?.setItem(SELECTION_KEY, JSON.stringify(selected));
  } catch {
    // Storage full or disabled: the pick lasts for this visit only.
  }
}

export const useTargetsStore = create<TargetsState>()(() => ({
  targets: null,
  loading: false,
  error: null,
  selected: rememberedSelection(),
  pickerOpen: true,
  detail: null,
}));

let generation = 0;

/** Ask the core which targets build here and how (with the saved compatibility, which changes tags). */
export async function loadTargets(): Promise<void> {
  const mine = ++generation;
  useTargetsStore.setState({ loading: true });
  const compatibility = useBuildSettingsStore.getState().saved?.compatibility;
  try {
    const targets = await api().listTargets(compatibility ? { compatibility } : {});
    if (mine !== generation) return;
    useTargetsStore.setState((s) => ({
      targets,
      error: null,
      // A target that can no longer be built here is no longer picked (but stays remembered: it may be
      // buildable again once its fix is applied).
      selected: s.selected.filter((a) => a === HOST || targets.some((t) => t.alias === a && t.available)),
    }));
  } catch (err) {
    if (mine === generation && !isConnectionLost(err)) useTargetsStore.setState({ error: toApiError(err).message });
  } finally {
    if (mine === generation) useTargetsStore.setState({ loading: false });
  }
}

/** Host first, then catalog order: the order the build runs them and the matrix shows them. */
export function orderedSelection(s: TargetsState = useTargetsStore.getState()): string[] {
  const order = [HOST, ...(s.targets ?? []).map((t) => t.alias)];
  const rank = (a: string) => (order.includes(a) ? order.indexOf(a) : order.length);
  return [...s.selected].sort((a, b) => rank(a) - rank(b));
}

export function toggleTarget(alias: string, on: boolean): void {
  useTargetsStore.setState((s) => ({ selected: on ? [...new Set([...s.selected, alias])] : s.selected.filter((a) => a !== alias) }));
  rememberSelection(useTargetsStore.getState().selected);
}

export function setPickerOpen(pickerOpen: boolean): void {
  useTargetsStore.setState({ pickerOpen });
}

export function showTargetDetail(alias: string | null): void {
  useTargetsStore.setState((s) => ({ detail: s.detail === alias ? null : alias }));
}

export function targetInfo(alias: string | null, s: TargetsState = useTargetsStore.getState()): TargetInfo | null {
  return alias === null ? null : (s.targets?.find((t) => t.alias === alias) ?? null);
}

/** The alias of a triple the engine names, when it is one of the catalog's. */
export function aliasOfTriple(triple: string, s: TargetsState = useTargetsStore.getState()): string | null {
  return s.targets?.find((t) => t.triple === triple)?.alias ?? null;
}
